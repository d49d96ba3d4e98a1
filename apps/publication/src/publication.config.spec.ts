import { loadConfig } from '@huiying/platform';
import { PublicationConfig } from './publication.config';

describe('PublicationConfig: the 12345 reply webhook', () => {
  it('without a URL there is no webhook and no secret is needed', () => {
    const c = loadConfig(PublicationConfig, {});
    expect(c.HOTLINE_REPLY_WEBHOOK_URL).toBeUndefined();
    expect(c.HOTLINE_REPLY_WEBHOOK_MAX_ATTEMPTS).toBe(8);
    expect(loadConfig(PublicationConfig, { HOTLINE_REPLY_WEBHOOK_URL: '' }).HOTLINE_REPLY_WEBHOOK_URL).toBeUndefined();
  });

  it('a URL without a secret fails at boot, naming the secret', () => {
    expect(() => loadConfig(PublicationConfig, { HOTLINE_REPLY_WEBHOOK_URL: 'https://12345.example.gov.cn/huiying/replies' })).toThrow(
      /HOTLINE_REPLY_WEBHOOK_SECRET is required when HOTLINE_REPLY_WEBHOOK_URL is set/,
    );
    expect(() => loadConfig(PublicationConfig, { HOTLINE_REPLY_WEBHOOK_URL: 'https://12345.example.gov.cn/r', HOTLINE_REPLY_WEBHOOK_SECRET: 'short' })).toThrow(/at least 16/);
  });

  it('takes a URL with its secret, the local receiver included, and refuses what is not an http(s) URL', () => {
    const c = loadConfig(PublicationConfig, {
      HOTLINE_REPLY_WEBHOOK_URL: 'http://127.0.0.1:3099/hotline/replies',
      HOTLINE_REPLY_WEBHOOK_SECRET: 'local-development-webhook-secret',
      HOTLINE_REPLY_WEBHOOK_MAX_ATTEMPTS: '3',
      HOTLINE_REPLY_WEBHOOK_BACKOFF_MS: '200',
    });
    expect([c.HOTLINE_REPLY_WEBHOOK_URL, c.HOTLINE_REPLY_WEBHOOK_MAX_ATTEMPTS, c.HOTLINE_REPLY_WEBHOOK_BACKOFF_MS]).toEqual(['http://127.0.0.1:3099/hotline/replies', 3, 200]);
    expect(() => loadConfig(PublicationConfig, { HOTLINE_REPLY_WEBHOOK_URL: 'ftp://x.example/r', HOTLINE_REPLY_WEBHOOK_SECRET: 'local-development-webhook-secret' })).toThrow(/HOTLINE_REPLY_WEBHOOK_URL must be an http\(s\) URL/);
  });
});
