/**
 * Models, spellings and list prices the generator draws from. Prices are
 * plausible list prices per million tokens; they only need to be realistic,
 * not current.
 */
import type { UsageClass } from '../../shared/domain/usage';

export interface GenModel {
  /** Canonical id the importer should produce. */
  id: string;
  developer: string;
  /** Per million tokens, by usage class. */
  prices: Partial<Record<UsageClass, number>>;
  openai?: string;
  anthropic?: string;
  bedrock?: string;
  bedrockUsageType?: string;
  azureMeter?: string;
  vertexSku?: string;
}

export const MODELS: GenModel[] = [
  { id: 'gpt-4o', developer: 'openai', prices: { input: 2.5, cached_input: 1.25, output: 10 }, openai: 'gpt-4o-2024-08-06', azureMeter: 'gpt-4o-0806' },
  { id: 'gpt-4o-mini', developer: 'openai', prices: { input: 0.15, cached_input: 0.075, output: 0.6 }, openai: 'gpt-4o-mini-2024-07-18', azureMeter: 'gpt-4o-mini-0718' },
  { id: 'gpt-4.1', developer: 'openai', prices: { input: 2, cached_input: 0.5, output: 8 }, openai: 'gpt-4.1-2025-04-14', azureMeter: 'gpt-4.1' },
  { id: 'o3', developer: 'openai', prices: { input: 2, cached_input: 0.5, output: 8 }, openai: 'o3-2025-04-16' },
  {
    id: 'claude-sonnet-4-5',
    developer: 'anthropic',
    prices: { input: 3, cached_input: 0.3, cache_write_5m: 3.75, cache_write_1h: 6, output: 15 },
    anthropic: 'claude-sonnet-4-5-20250929',
    bedrock: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    bedrockUsageType: 'Claude4.5Sonnet',
    vertexSku: 'Claude Sonnet 4.5',
  },
  { id: 'claude-haiku-4-5', developer: 'anthropic', prices: { input: 1, cached_input: 0.1, cache_write_5m: 1.25, output: 5 }, anthropic: 'claude-haiku-4-5-20251001', bedrockUsageType: 'Claude4.5Haiku' },
  { id: 'claude-opus-4-1', developer: 'anthropic', prices: { input: 15, cached_input: 1.5, cache_write_5m: 18.75, output: 75 }, anthropic: 'claude-opus-4-1-20250805', bedrockUsageType: 'Claude4.1Opus' },
  { id: 'gemini-2.5-flash', developer: 'google', prices: { input: 0.3, cached_input: 0.075, output: 2.5 }, vertexSku: 'Gemini 2.5 Flash GA' },
  { id: 'gemini-2.5-pro', developer: 'google', prices: { input: 1.25, cached_input: 0.31, output: 10 }, vertexSku: 'Gemini 2.5 Pro' },
];

export const TOKEN_CLASSES: readonly (readonly [UsageClass, number])[] = [
  ['input', 5],
  ['output', 3],
  ['cached_input', 2],
  ['cache_write_5m', 1],
];

export const PROJECTS = ['loans-extraction', 'support-assistant', 'risk-scoring', 'kyc-review', 'marketing-copy', 'internal-search'];
export const TEAMS = ['lending', 'support', 'risk', 'compliance', 'growth', 'platform'];

/** A whole account's services besides Bedrock: product code and usage types, as CUR spells them. */
export const ACCOUNT_SERVICES: readonly (readonly [string, readonly string[], string])[] = [
  ['AmazonEC2', ['BoxUsage:m5.large', 'BoxUsage:c6g.xlarge', 'EBS:VolumeUsage.gp3', 'DataTransfer-Out-Bytes'], 'Hrs'],
  ['AmazonS3', ['TimedStorage-ByteHrs', 'Requests-Tier1', 'Requests-Tier2'], 'GB-Mo'],
  ['AmazonRDS', ['InstanceUsage:db.r6g.large', 'RDS:GP3-Storage'], 'Hrs'],
  ['AWSLambda', ['Lambda-GB-Second', 'Request'], 'Lambda-GB-Second'],
  ['AmazonCloudWatch', ['CW:MetricMonitorUsage', 'DataProcessing-Bytes'], 'Metrics'],
  ['AmazonDynamoDB', ['ReadRequestUnits', 'WriteRequestUnits', 'TimedStorage-ByteHrs'], 'ReadRequestUnits'],
  ['AWSDataTransfer', ['DataTransfer-Regional-Bytes', 'DataTransfer-Out-Bytes'], 'GB'],
  ['AmazonEKS', ['AmazonEKS-Hours:perCluster'], 'Hours'],
];
