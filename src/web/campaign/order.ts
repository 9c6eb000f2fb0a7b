// Key order of a configuration as the schema (and campaigns/*.json) writes it. The server stores a
// configuration as jsonb, which keeps keys sorted by length, so `ruleId` would come before
// `opensAt`; the editor shows the JSON in the schema's order instead, so it reads like the file.
// Only the order changes, never a value; keys the schema does not know stay, at the end.
import type { z } from 'zod';
import { campaignSchema } from '../../domain/campaign/schema';

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } })?._zod?.def;

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function orderBy(schema: unknown, value: unknown, depth: number): unknown {
  const def = defOf(schema);
  if (!def || depth > 40) return value;
  switch (def.type) {
    case 'object': {
      if (!isPlainObject(value)) return value;
      const shape = def.shape as Record<string, z.ZodType>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(shape)) if (key in value) out[key] = orderBy(shape[key], value[key], depth + 1);
      for (const key of Object.keys(value)) if (!(key in out)) out[key] = value[key];
      return out;
    }
    case 'array':
      return Array.isArray(value) ? value.map((item) => orderBy(def.element, item, depth + 1)) : value;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
      return value === null || value === undefined ? value : orderBy(def.innerType, value, depth + 1);
    case 'pipe':
      return orderBy(def.in, value, depth + 1);
    case 'lazy':
      return orderBy((def.getter as () => unknown)(), value, depth + 1);
    case 'union': {
      if (!isPlainObject(value)) return value;
      const discriminator = def.discriminator as string | undefined;
      const options = def.options as unknown[];
      const match = discriminator
        ? options.find((o) => {
            const literal = defOf(defOf(o)?.shape && (defOf(o)!.shape as Record<string, unknown>)[discriminator]);
            return Array.isArray(literal?.values) && (literal.values as unknown[]).includes(value[discriminator]);
          })
        : undefined;
      return match ? orderBy(match, value, depth + 1) : value;
    }
    case 'record':
      return isPlainObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, orderBy(def.valueType, v, depth + 1)])) : value;
    default:
      return value;
  }
}

/** The configuration with its keys in the schema's order (any value, even an invalid one). */
export function orderCampaignKeys<T>(config: T): T {
  try {
    return orderBy(campaignSchema, config, 0) as T;
  } catch {
    return config;
  }
}
