import type { Handler, MatchedRoute, RouteScope } from './context';
import { scopeOfPath } from './context';

export interface RouteOptions {
  /** Default: derived from the pattern's prefix (`/api/` → api, `/oauth/` → oauth, `/_control` → control, else public). */
  scope?: RouteScope;
}

interface Leaf {
  handler: Handler;
  scope: RouteScope;
  pattern: string;
  paramNames: string[];
}

interface Node {
  statics: Map<string, Node>;
  param?: Node;
  leaves: Map<string, Leaf>;
}

const newNode = (): Node => ({ statics: new Map(), leaves: new Map() });

const JSON_SUFFIX = '.json';

/**
 * A small segment trie. Patterns use `:name` params (`/api/v4/matters/:id`). A request path matches with or
 * without a trailing `.json` on its last segment (`/matters/1.json` and `/matters/1` are the same route), as Clio
 * accepts both. Static segments win over params at the same depth.
 */
export class Router {
  private readonly root = newNode();

  /** Register `handler` for `method` (GET, POST, PATCH, PUT, DELETE) and `pattern`. Re-adding replaces. */
  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): void {
    const segments = splitPath(pattern);
    const paramNames: string[] = [];
    let node = this.root;
    for (const seg of segments) {
      if (seg.startsWith(':')) {
        paramNames.push(seg.slice(1));
        node.param ??= newNode();
        node = node.param;
      } else {
        let next = node.statics.get(seg);
        if (!next) {
          next = newNode();
          node.statics.set(seg, next);
        }
        node = next;
      }
    }
    const scope = options.scope ?? scopeOfPath(pattern);
    node.leaves.set(method.toUpperCase(), { handler, scope, pattern, paramNames });
  }

  /** Find the route for a request; `undefined` when none matches (405 is not distinguished from 404). */
  match(method: string, path: string): MatchedRoute | undefined {
    const segments = splitPath(path);
    const last = segments.length - 1;
    if (last >= 0 && segments[last].endsWith(JSON_SUFFIX)) {
      segments[last] = segments[last].slice(0, -JSON_SUFFIX.length);
    }
    const values: string[] = [];
    const leaf = this.walk(this.root, segments, 0, values, method);
    if (!leaf) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < leaf.paramNames.length; i++) params[leaf.paramNames[i]] = decodeURIComponent(values[i]);
    return { handler: leaf.handler, params, scope: leaf.scope, pattern: leaf.pattern };
  }

  private walk(node: Node, segs: string[], i: number, values: string[], method: string): Leaf | undefined {
    if (i === segs.length) return node.leaves.get(method);
    const stat = node.statics.get(segs[i]);
    if (stat) {
      const found = this.walk(stat, segs, i + 1, values, method);
      if (found) return found;
    }
    if (node.param && segs[i] !== '') {
      values.push(segs[i]);
      const found = this.walk(node.param, segs, i + 1, values, method);
      if (found) return found;
      values.pop();
    }
    return undefined;
  }
}

const splitPath = (path: string): string[] => {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
};
