// The demo organisation tree: the region, the two prefectures of the notices, their counties,
// competent departments and employer units. Names are real places; units are illustrative.
import type { OrgKind, UnitKind } from '../../domain/organisations.js';

export interface SeedOrg {
  name: string;
  kind: OrgKind;
  code?: string;
  portal?: string;
  unitKind?: UnitKind;
  countyLevelOrBelow?: boolean;
  /** Name of the competent department (same prefecture). */
  department?: string;
  children?: SeedOrg[];
}

const county = (name: string, code: string, children: SeedOrg[] = []): SeedOrg => ({ name, kind: 'county', code, countyLevelOrBelow: true, children });
const dept = (name: string, countyLevel: boolean): SeedOrg => ({ name, kind: 'department', countyLevelOrBelow: countyLevel });
const unit = (name: string, unitKind: UnitKind, countyLevel: boolean, department?: string): SeedOrg => ({
  name,
  kind: 'unit',
  unitKind,
  countyLevelOrBelow: countyLevel,
  department,
});

export const DEMO_ORGANISATION_TREE: SeedOrg = {
  name: '新疆维吾尔自治区',
  kind: 'region',
  code: '650000',
  children: [
    {
      name: '巴音郭楞蒙古自治州',
      kind: 'prefecture',
      code: '652800',
      portal: 'bz',
      children: [
        dept('自治州党委宣传部', false),
        unit('巴音郭楞日报社', 'public_institution', false),
        unit('巴音郭楞蒙古自治州广播电视台', 'public_institution', false),
        county('库尔勒市', '652801', [dept('库尔勒市委宣传部', true), unit('库尔勒市融媒体中心', 'public_institution', true, '库尔勒市委宣传部')]),
        county('轮台县', '652822', [dept('轮台县委宣传部', true), unit('轮台县融媒体中心', 'public_institution', true, '轮台县委宣传部')]),
        county('尉犁县', '652823'),
        county('若羌县', '652824', [dept('若羌县委宣传部', true), unit('若羌县融媒体中心', 'public_institution', true, '若羌县委宣传部')]),
        county('且末县', '652825', [dept('且末县委宣传部', true), unit('且末县融媒体中心', 'public_institution', true, '且末县委宣传部')]),
        county('焉耆回族自治县', '652826'),
        county('和静县', '652827'),
        county('和硕县', '652828'),
        county('博湖县', '652829'),
      ],
    },
    {
      name: '阿克苏地区',
      kind: 'prefecture',
      code: '652900',
      portal: 'aks',
      children: [
        dept('地区融媒体中心', false),
        dept('地区文联', false),
        unit('阿克苏日报社', 'public_institution', false, '地区融媒体中心'),
        unit('阿克苏地区广播电视台', 'public_institution', false, '地区融媒体中心'),
        unit('《多浪》文学杂志社', 'public_institution', false, '地区文联'),
        unit('阿克苏地区文学艺术创作研究中心', 'public_institution', false, '地区文联'),
        unit('新华书店阿克苏地区分公司', 'enterprise', false),
        county('阿克苏市', '652901', [dept('阿克苏市委宣传部', true), unit('阿克苏市融媒体中心', 'public_institution', true, '阿克苏市委宣传部')]),
        county('库车市', '652902', [dept('库车市委宣传部', true), unit('库车市融媒体中心', 'public_institution', true, '库车市委宣传部')]),
        county('温宿县', '652922', [dept('温宿县委宣传部', true), unit('温宿县融媒体中心', 'public_institution', true, '温宿县委宣传部')]),
        county('沙雅县', '652924', [dept('沙雅县委宣传部', true), unit('沙雅县融媒体中心', 'public_institution', true, '沙雅县委宣传部')]),
        county('新和县', '652925'),
        county('拜城县', '652926', [dept('拜城县委宣传部', true), unit('拜城县融媒体中心', 'public_institution', true, '拜城县委宣传部')]),
        county('乌什县', '652927'),
        county('阿瓦提县', '652928'),
        county('柯坪县', '652929'),
      ],
    },
  ],
};
