// Known answers from the Amazon S3 API reference, "Examples: Signature Calculations in AWS
// Signature Version 4" (header-based authentication): if these pass, the fake S3 server and the
// store agree with real S3, not just with each other.
import { describe, expect, it } from 'vitest';
import { canonicalRequest, EMPTY_SHA256, parseAuthorization, sha256Hex, signRequest, uriEncode } from './sigv4.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const now = new Date('2013-05-24T00:00:00Z');

function signatureOf(headers: Record<string, string>): string {
  return parseAuthorization(headers.authorization)!.signature;
}

describe('SigV4 (AWS published examples)', () => {
  it('GET Object with a Range header', () => {
    const headers = signRequest({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { range: 'bytes=0-9' },
      payloadHash: EMPTY_SHA256,
      credentials,
      region: 'us-east-1',
      now,
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('PUT Object with a payload and an encoded key', () => {
    const body = Buffer.from('Welcome to Amazon S3.');
    expect(sha256Hex(body)).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const url = new URL('https://examplebucket.s3.amazonaws.com/');
    url.pathname = `/${uriEncode('test$file.text', true)}`;
    const headers = signRequest({
      method: 'PUT',
      url,
      headers: { date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
      payloadHash: sha256Hex(body),
      credentials,
      region: 'us-east-1',
      now,
    });
    expect(signatureOf(headers)).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('GET Bucket lifecycle (a query parameter without value)', () => {
    const headers = signRequest({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/?lifecycle'),
      payloadHash: EMPTY_SHA256,
      credentials,
      region: 'us-east-1',
      now,
    });
    expect(signatureOf(headers)).toBe('fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
  });

  it('GET Bucket (list objects) with sorted query parameters', () => {
    const headers = signRequest({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J'),
      payloadHash: EMPTY_SHA256,
      credentials,
      region: 'us-east-1',
      now,
    });
    expect(signatureOf(headers)).toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });

  it('canonical form: encoded query, trimmed header values, sorted signed headers', () => {
    expect(uriEncode('a b+c/d~e', false)).toBe('a%20b%2Bc%2Fd~e');
    expect(uriEncode('a b/c', true)).toBe('a%20b/c');
    expect(
      canonicalRequest({
        method: 'get',
        encodedPath: '/b/k',
        query: [['prefix', 'a/b'], ['list-type', '2']],
        headers: { Host: 'h', 'X-Amz-Date': '  20130524T000000Z ', 'x-amz-content-sha256': EMPTY_SHA256 },
        signedHeaders: ['x-amz-date', 'host', 'x-amz-content-sha256'],
        payloadHash: EMPTY_SHA256,
      }),
    ).toBe(
      `GET\n/b/k\nlist-type=2&prefix=a%2Fb\nhost:h\nx-amz-content-sha256:${EMPTY_SHA256}\nx-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\n${EMPTY_SHA256}`,
    );
  });

  it('parseAuthorization refuses other shapes', () => {
    expect(parseAuthorization(undefined)).toBeNull();
    expect(parseAuthorization('AWS AKIA:abc')).toBeNull();
    expect(parseAuthorization('AWS4-HMAC-SHA256 Credential=A/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=zz')).toBeNull();
  });
});
