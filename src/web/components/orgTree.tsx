// Turning the flat organisation list the server sends into antd tree data.
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { ApartmentOutlined, BankOutlined, ClusterOutlined, GlobalOutlined, ShopOutlined } from '@ant-design/icons';
import { ORG_KIND_LABELS, type OrgKind } from '../../domain/organisations';
import type { Org } from '../api/types';

const ORG_KIND_ICONS: Record<OrgKind, ReactNode> = {
  region: <GlobalOutlined />,
  prefecture: <BankOutlined />,
  county: <ClusterOutlined />,
  department: <ApartmentOutlined />,
  unit: <ShopOutlined />,
};

export interface OrgTreeNode {
  key: string;
  value: string;
  title: ReactNode;
  /** Plain name, for TreeSelect's search and its selected label. */
  label: string;
  icon: ReactNode;
  org: Org;
  children: OrgTreeNode[];
}

/** Display order: kinds top-down, then by name. */
const KIND_ORDER: Record<OrgKind, number> = { region: 0, prefecture: 1, county: 2, department: 3, unit: 4 };

function compareOrgs(a: Org, b: Org): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'zh-CN');
}

/**
 * Builds the forest from a flat list. With `filter`, keeps only the matching organisations and
 * their ancestors. Organisations whose parent is missing from the list become roots.
 */
export function buildOrgTree(orgs: Org[], filter = ''): OrgTreeNode[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  let visible: Set<string> | null = null;
  const needle = filter.trim().toLowerCase();
  if (needle) {
    visible = new Set();
    for (const org of orgs) {
      if (!org.name.toLowerCase().includes(needle) && !(org.code ?? '').toLowerCase().includes(needle)) continue;
      let current: Org | undefined = org;
      while (current && !visible.has(current.id)) {
        visible.add(current.id);
        current = current.parentId ? byId.get(current.parentId) : undefined;
      }
    }
  }
  const nodes = new Map<string, OrgTreeNode>();
  for (const org of [...orgs].sort(compareOrgs)) {
    if (visible && !visible.has(org.id)) continue;
    nodes.set(org.id, {
      key: org.id,
      value: org.id,
      label: org.name,
      icon: ORG_KIND_ICONS[org.kind],
      title: (
        <span>
          {org.name} <Tag variant="filled">{ORG_KIND_LABELS[org.kind]}</Tag>
        </span>
      ),
      org,
      children: [],
    });
  }
  const roots: OrgTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId ? nodes.get(node.org.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** "新疆 / 巴州 / 库尔勒市" style path of an organisation. */
export function orgPath(orgs: Org[], id: string): string {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const names: string[] = [];
  let current = byId.get(id);
  while (current && names.length < 10) {
    names.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return names.join(' / ');
}
