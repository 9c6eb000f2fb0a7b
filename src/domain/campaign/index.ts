// Campaign configuration: schema, loader, rule catalogue, conditions and small queries. Pure; shared with the web.
export * from './conditions.js';
export { parseCampaign, formatPath, type CampaignError, type ParseCampaignResult } from './load.js';
export * from './queries.js';
export { RULE_IDS, isKnownRuleId, type RuleId } from './rule-ids.js';
export * from './schema.js';
export * from './vocabulary.js';
