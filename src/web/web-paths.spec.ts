import { isWebRoute, publicWebPath, rewriteWebUrl } from './web-paths';

describe('web page URLs', () => {
  it('maps the web sections onto the internal mount, and nothing else', () => {
    expect(rewriteWebUrl('/')).toBe('/web');
    expect(rewriteWebUrl('/?next=x')).toBe('/web?next=x');
    expect(rewriteWebUrl('/sign-in')).toBe('/web/sign-in');
    expect(rewriteWebUrl('/warrants/123?x=1')).toBe('/web/warrants/123?x=1');
    for (const kept of ['/api/v1/warrants', '/health', '/docs', '/docs-json', '/assets/haven.js', '/web/warrants', '/metrics', '/warrantsx']) {
      expect(rewriteWebUrl(kept)).toBe(kept);
    }
  });

  it('gives back the browser URL, and tells web routes from the API', () => {
    for (const url of ['/', '/?expired=1', '/warrants/1?x=2', '/sign-in']) expect(publicWebPath(rewriteWebUrl(url))).toBe(url);
    expect(isWebRoute('/web')).toBe(true);
    expect(isWebRoute('/web/warrants/:id')).toBe(true);
    expect(isWebRoute('/api/v1/warrants')).toBe(false);
    expect(isWebRoute('/website')).toBe(false);
  });
});
