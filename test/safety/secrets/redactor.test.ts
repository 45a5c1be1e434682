import { describe, expect, it } from 'vitest';
import { createRedactor, secretsFromEnv } from '../../../src/safety/secrets/index.js';

// Invented values with real shapes; none is a real secret.
const GITHUB = 'ghp_R8fK2mQx9LzT4vWc7YbN1pHs6DjE3gUa5oXi';
const STRIPE = 'sk_live_4kTz9QmWx2VbN7cR1yLp8HsD';

describe('createRedactor().redact', () => {
  it('replaces secrets by stable placeholders and reports where, never what', () => {
    const redactor = createRedactor();
    const text = `a\nTOKEN=${GITHUB}\nstripe: ${STRIPE}\nagain ${GITHUB}`;
    const { text: redacted, findings } = redactor.redact(text, 'config/.env');
    expect(redacted).toBe('a\nTOKEN=«secret:github_token:1»\nstripe: «secret:stripe_key:1»\nagain «secret:github_token:1»');
    expect(findings.map(({ line, column, kind }) => [line, column, kind])).toEqual([
      [2, 7, 'github_token'],
      [3, 9, 'stripe_key'],
      [4, 7, 'github_token'],
    ]);
    expect(findings[0]).toMatchObject({ origin: 'config/.env', rule: 'provider:github_token' });
    expect(JSON.stringify(findings)).not.toContain(GITHUB.slice(4));
    // Same value in a later call: same placeholder.
    expect(redactor.redact(`x ${GITHUB}`, 'b').text).toBe('x «secret:github_token:1»');
  });

  it('finds the layers: labelled passwords, CLI flags, headers, URL passwords, JWTs, key blocks', () => {
    const redactor = createRedactor();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0ODIxIiwiZXhwIjoxNzY3MzEyMDAwfQ.Qm9ndXNTaWduYXR1cmVGb3JUZXN0czEyMzQ1Njc4OTA';
    const cases: Array<[string, string]> = [
      ['DB_PASSWORD=Tr0ub4dor&3x', 'password'],
      ['mysql -u root -pQ7wErTy99 shop', 'password'],
      ['deploy --password "c0rrect-h0rse" now', 'password'],
      ['curl -H "Authorization: Bearer Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA" https://api', 'bearer_token'],
      ['DATABASE_URL=postgres://app:Xk29fLq8Zt@db:5432/app', 'connection_string_password'],
      [`token = "${jwt}"`, 'jwt'],
      ['"apiKey": "a8F3kLm29QxZ7vBn4TrW6yPd"', 'api_key'],
      ['SECRET_KEY: 9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'secret_key'],
    ];
    for (const [text, kind] of cases) expect(redactor.redact(text, 't').findings.map((finding) => finding.kind), text).toEqual([kind]);
    const pem = `-----BEGIN OPENSSH PRIVATE KEY-----\n${'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n'.repeat(3)}(output truncated)`;
    const redacted = redactor.redact(`before\n${pem}`, 'id');
    expect(redacted.text).toBe('before\n«secret:private_key:1»\n(output truncated)');
  });

  it('leaves hashes, UUIDs, public keys, placeholders, references and code alone', () => {
    const clean = [
      '"integrity": "sha512-Yp3fR8kLm2QxZ7vBn4TrW6yPdHs9GjK1aE5cU0oXiNtV3wSzA8bMfD6eC7gJ2hL4kP9qR1sT5uV8xY0zA3bC6d=="',
      'commit 3f9a1c2e8b7d6f5a4c3b2a1908f7e6d5c4b3a291',
      '{"request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"}',
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3mR8vX2kL9pT4wZ7cN1bH6yF5dJ0sE8aU3oQiVtWx dana@laptop',
      'OPENAI_API_KEY=your-api-key-here',
      'DB_PASSWORD=${DB_PASSWORD}',
      'password = request.form["password"]',
      'const password = await prompt("Password: ");',
      'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
      'ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'NEXT_PUBLIC_STRIPE_KEY=pk_live_4kTz9QmWx2VbN7cR1yLp8HsD',
      'postgres://postgres:postgres@localhost:5432/test',
      'already «secret:github_token:3» here',
      'ssh -p 2222 deploy@bastion',
    ];
    const redactor = createRedactor();
    for (const text of clean) expect(redactor.redact(text, 't'), text).toEqual({ text, findings: [] });
  });

  it('redacts known values exactly, also URL-encoded and base64-encoded', () => {
    const value = 'pa ss/w0rd+local-only';
    const redactor = createRedactor({ knownValues: [{ name: 'SMTP_PASSWORD', value }] });
    const text = `raw ${value}\nurl ${encodeURIComponent(value)}\nb64 ${Buffer.from(value).toString('base64')}`;
    const { text: redacted, findings } = redactor.redact(text, 'out');
    expect(redacted).not.toContain(value);
    expect(redacted).not.toContain(encodeURIComponent(value));
    expect(findings).toHaveLength(3);
    expect(findings.every((finding) => finding.rule === 'known-value:SMTP_PASSWORD')).toBe(true);
  });
});

describe('createRedactor().restore', () => {
  it('puts back issued placeholders and reports invented ones', () => {
    const redactor = createRedactor();
    const { text } = redactor.redact(`key ${STRIPE}`, 'a');
    expect(redactor.restore(`stripe.setKey("${text.slice(4)}")`)).toEqual({ text: `stripe.setKey("${STRIPE}")`, restored: 1, unknown: [] });
    expect(redactor.restore('use «secret:aws_secret_key:7» and «secret:stripe_key:1»')).toEqual({
      text: `use «secret:aws_secret_key:7» and ${STRIPE}`,
      restored: 1,
      unknown: ['«secret:aws_secret_key:7»'],
    });
    // Another redactor never issued it.
    expect(createRedactor().restore('«secret:stripe_key:1»').unknown).toEqual(['«secret:stripe_key:1»']);
  });
});

describe('secretsFromEnv', () => {
  it('picks secret-looking variables with long enough values, and passwords inside URLs', () => {
    const picked = secretsFromEnv({
      OPENAI_API_KEY: 'sk-proj-abcdefghijklmnop',
      GITHUB_TOKEN: 'ghp_shortish_value_123',
      DB_PASSWORD: 'hunter2', // too short to match safely
      SESSION_SECRET_VALUE: 'f00dfeedcafebabe',
      PWD: '/home/dana/project',
      SSH_AUTH_SOCK: '/tmp/ssh-agent.sock',
      AWS_ACCESS_KEY_ID: 'AKIAQWERTYUIOPASDFGH',
      ANTHROPIC_API_KEY_FILE: '/run/secrets/anthropic',
      DATABASE_URL: 'postgres://app:S3cretPassw0rd@db:5432/app',
      HOME: '/home/dana',
      EMPTY_TOKEN: undefined,
    });
    expect(picked).toEqual([
      { name: 'OPENAI_API_KEY', value: 'sk-proj-abcdefghijklmnop' },
      { name: 'GITHUB_TOKEN', value: 'ghp_shortish_value_123' },
      { name: 'SESSION_SECRET_VALUE', value: 'f00dfeedcafebabe' },
      { name: 'DATABASE_URL', value: 'S3cretPassw0rd' },
    ]);
  });
});
