import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RequestOrigin } from '../../../components/RequestOrigin';

describe('the origin line of a prompt (security review findings 10, 11)', () => {
  it.each([
    ['http://192.168.1.20:8080', true],
    ['http://dapp.example', true],
    ['http://localhost:3000', false],
    ['http://127.0.0.1:3000', false],
    ['https://dapp.example', false],
  ])('%s: plain-http warning %s', (origin, warned) => {
    const html = renderToStaticMarkup(<RequestOrigin origin={origin} />);
    expect(html.includes('data-testid="plain-http"')).toBe(warned);
  });

  it('names the top-level page of a frame, or says it is embedded where the browser does not tell', () => {
    expect(renderToStaticMarkup(<RequestOrigin origin="https://a.example" embeddedIn="https://top.example" />)).toContain('Embedded in https://top.example');
    expect(renderToStaticMarkup(<RequestOrigin origin="https://a.example" embeddedIn="" />)).toContain('Embedded in another page');
    expect(renderToStaticMarkup(<RequestOrigin origin="https://a.example" />)).not.toContain('Embedded');
  });
});
