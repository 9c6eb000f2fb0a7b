// Schemas shared by several routes.
import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';

export const uuidParam = z.strictObject({ id: z.uuid() });
export const roleSchema = z.enum(ROLES);
export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.array(z.object({ path: z.string(), message: z.string() })).optional() }),
});
export const meSchema = z.object({
  id: z.string(),
  username: z.string().nullable(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(z.object({ id: z.string(), role: roleSchema, orgId: z.string().nullable(), orgName: z.string().nullable() })),
  membership: z
    .object({ unitId: z.string(), unitName: z.string(), status: z.enum(['pending', 'confirmed', 'rejected']), reason: z.string().nullable() })
    .nullable(),
  totpEnabled: z.boolean(),
  mustEnrolTotp: z.boolean(),
  abilities: z.array(z.string()),
});
/**
 * Bounded text: refuses control characters a form never produces, and invisible or bidi-control
 * characters and lone surrogates, which let two names look alike (温宿\u200b县 beside 温宿县),
 * reorder what a reviewer reads (U+202E), or are silently changed on storage (a lone surrogate).
 */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), '包含不允许的控制字符')
    .refine((s) => !/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\p{Cs}/u.test(s), '包含不允许的不可见字符或文字方向控制字符');
