// AWS Signature Version 4 for S3 requests, with node:crypto only (no SDK). Used by the S3 store to
// sign and by the test fake S3 server to verify what arrived on the wire. Checked against AWS's
// published examples in sigv4.test.ts.
//
// Reference: "Authenticating Requests: Using the Authorization Header (AWS Signature Version 4)",
// Amazon S3 API reference. The payload is always signed (x-amz-content-sha256 is the SHA-256 of
// the body), so S3 also refuses a body altered in transit.
import crypto from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export function sha256Hex(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return crypto.createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ is %XX (upper case). */
export function uriEncode(value: string, keepSlash = false): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Canonical query string from decoded name/value pairs. */
export function canonicalQuery(params: [string, string][]): string {
  return params
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export interface CanonicalInput {
  method: string;
  /** The path exactly as sent, already URI-encoded (S3 does not encode it twice). */
  encodedPath: string;
  /** Decoded query parameters. */
  query: [string, string][];
  /** Header name (any case) → value; only the names in signedHeaders are used. */
  headers: Record<string, string>;
  signedHeaders: string[];
  payloadHash: string;
}

export function canonicalRequest(input: CanonicalInput): string {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) lower[name.toLowerCase()] = value;
  const names = [...input.signedHeaders].map((n) => n.toLowerCase()).sort();
  const headerLines = names.map((n) => `${n}:${(lower[n] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  return [input.method.toUpperCase(), input.encodedPath || '/', canonicalQuery(input.query), headerLines, names.join(';'), input.payloadHash].join('\n');
}

export function credentialScope(date: string, region: string, service = 's3'): string {
  return `${date}/${region}/${service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

export function signingKey(secretAccessKey: string, date: string, region: string, service = 's3'): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

export function signature(secretAccessKey: string, amzDate: string, region: string, canonical: string): string {
  const date = amzDate.slice(0, 8);
  const toSign = stringToSign(amzDate, credentialScope(date, region), canonical);
  return crypto.createHmac('sha256', signingKey(secretAccessKey, date, region)).update(toSign, 'utf8').digest('hex');
}

/** 20130524T000000Z */
export function amzDateOf(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function authorizationHeader(credentials: Credentials, amzDate: string, region: string, signedHeaders: string[], sig: string): string {
  const scope = credentialScope(amzDate.slice(0, 8), region);
  const names = [...signedHeaders].map((n) => n.toLowerCase()).sort().join(';');
  return `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names}, Signature=${sig}`;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `AWS4-HMAC-SHA256 Credential=…/date/region/s3/aws4_request, SignedHeaders=…, Signature=…`. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | null {
  if (!header) return null;
  const m = /^AWS4-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
    header,
  );
  if (!m) return null;
  return { accessKeyId: m[1], date: m[2], region: m[3], service: m[4], signedHeaders: m[5].split(';'), signature: m[6] };
}

/**
 * Signs a request: returns the headers to send (x-amz-date, x-amz-content-sha256, authorization,
 * plus the given ones). `host` is signed but not returned (fetch sets it from the URL).
 */
export function signRequest(options: {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  payloadHash: string;
  credentials: Credentials;
  region: string;
  now?: Date;
}): Record<string, string> {
  const amzDate = amzDateOf(options.now ?? new Date());
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    'x-amz-date': amzDate,
    'x-amz-content-sha256': options.payloadHash,
  };
  const signedHeaders = ['host', ...Object.keys(headers)];
  const query: [string, string][] = [...options.url.searchParams.entries()];
  const canonical = canonicalRequest({
    method: options.method,
    encodedPath: options.url.pathname,
    query,
    headers: { ...headers, host: options.url.host },
    signedHeaders,
    payloadHash: options.payloadHash,
  });
  const sig = signature(options.credentials.secretAccessKey, amzDate, options.region, canonical);
  headers.authorization = authorizationHeader(options.credentials, amzDate, options.region, signedHeaders, sig);
  return headers;
}
