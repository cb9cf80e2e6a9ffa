import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** preact escapes every text and attribute value, so user input can be rendered as is. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
