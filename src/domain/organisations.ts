// Organisation tree kinds: region → prefecture → county/city → employer unit, with competent
// departments (行业主管部门) between unit and committee office. Pure data shared with the web.

export const ORG_KINDS = ['region', 'prefecture', 'county', 'department', 'unit'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  region: '自治区',
  prefecture: '地州',
  county: '县市',
  department: '行业主管部门',
  unit: '用人单位',
};

export const UNIT_KINDS = ['public_institution', 'enterprise', 'civil_service_managed'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  public_institution: '事业单位',
  enterprise: '企业',
  civil_service_managed: '参照公务员法管理单位',
};

/** Which kinds may sit directly under which parent kind. */
export const ALLOWED_PARENT: Record<OrgKind, readonly (OrgKind | null)[]> = {
  region: [null],
  prefecture: ['region'],
  county: ['prefecture'],
  department: ['prefecture', 'county'],
  unit: ['prefecture', 'county'],
};
