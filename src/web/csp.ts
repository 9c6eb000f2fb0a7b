// Content Security Policy support. The server sends `style-src 'self' 'nonce-<n>'` and writes the
// nonce into <meta name="csp-nonce"> of index.html (the placeholder stays when served by Vite).

const NONCE_PLACEHOLDER = '__CSP_NONCE__';

export function readCspNonce(): string | undefined {
  const content = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
  return content && content !== NONCE_PLACEHOLDER ? content : undefined;
}

/**
 * antd's css-in-js takes the nonce from ConfigProvider, but a few @rc-component helpers (the modal
 * scroll locker, the scrollbar measurer) create <style> tags without one, which CSP would block.
 * Every <style> element created on this page therefore gets the page's nonce.
 */
export function applyNonceToStyleElements(nonce: string): void {
  const createElement = document.createElement.bind(document);
  document.createElement = ((tagName: string, options?: ElementCreationOptions) => {
    const element = createElement(tagName, options);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  }) as typeof document.createElement;
}
