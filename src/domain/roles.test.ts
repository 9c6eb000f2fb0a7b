import { describe, expect, it } from 'vitest';
import { ADMIN_ROLES, checkRoleCombination, isAdminRole, ROLES, roleRequiresSecondFactor, type Role } from './roles.js';

const BUSINESS_ROLES = ROLES.filter((r) => !isAdminRole(r));

describe('checkRoleCombination (三员分立)', () => {
  it('lets an account with no role take any role', () => {
    for (const role of ROLES) expect(checkRoleCombination([], role), role).toEqual({ ok: true });
  });

  it('never lets an admin account take a second role of any kind', () => {
    for (const admin of ADMIN_ROLES) {
      for (const role of ROLES) {
        const verdict = checkRoleCombination([admin], role);
        expect(verdict.ok, `${admin} + ${role}`).toBe(false);
        if (!verdict.ok && role !== admin) expect(verdict.reason).toContain('三员分立');
      }
    }
  });

  it('never gives an admin role to an account that already holds another role', () => {
    for (const admin of ADMIN_ROLES) {
      for (const held of BUSINESS_ROLES) {
        const verdict = checkRoleCombination([held], admin);
        expect(verdict.ok, `${held} + ${admin}`).toBe(false);
        if (!verdict.ok) expect(verdict.reason).toContain('三员分立');
      }
      const several = checkRoleCombination(['expert', 'office_staff'], admin);
      expect(several.ok).toBe(false);
    }
  });

  it('allows distinct business roles together', () => {
    for (const a of BUSINESS_ROLES) {
      for (const b of BUSINESS_ROLES) {
        if (a === b) continue;
        expect(checkRoleCombination([a], b), `${a} + ${b}`).toEqual({ ok: true });
      }
    }
    expect(checkRoleCombination(['expert', 'office_staff'], 'committee_chair')).toEqual({ ok: true });
  });

  it('refuses a role the account already holds, with a Chinese reason naming it', () => {
    for (const role of ROLES) {
      const verdict = checkRoleCombination([role], role);
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.reason).toMatch(/[\u4e00-\u9fa5]/);
    }
    const dup = checkRoleCombination(['expert'], 'expert');
    expect(dup).toEqual({ ok: false, reason: '该账号已拥有“评审专家”角色' });
  });

  it('is order independent: whichever admin role came first, the pair is refused both ways', () => {
    for (const a of ADMIN_ROLES) for (const b of ADMIN_ROLES) if (a !== b) {
      expect(checkRoleCombination([a], b).ok).toBe(false);
      expect(checkRoleCombination([b], a).ok).toBe(false);
    }
  });
});

describe('roles', () => {
  it('has exactly three admin roles, each requiring a second factor', () => {
    expect([...ADMIN_ROLES].sort()).toEqual(['audit_admin', 'security_admin', 'system_admin']);
    for (const r of ROLES) expect(roleRequiresSecondFactor(r as Role), r).toBe(r !== 'applicant');
  });
});
