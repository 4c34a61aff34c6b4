// The API reference: an OpenAPI 3.1 document rendered as operations (with
// their parameters, request body and responses) and schemas, each operation
// with a "Try it" that fills the request console.

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k !== undefined && k !== null) e.append(k);
  return e;
}

function refName(ref) {
  return ref.split('/').pop();
}

function resolve(doc, s, seen = 0) {
  while (s && s.$ref && seen++ < 20) {
    const path = s.$ref.replace(/^#\//, '').split('/');
    s = path.reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return s || {};
}

// typeOf is a short description of a schema: "string (email)", "array of Customer"…
function typeOf(doc, s) {
  if (!s) return 'any';
  if (s.$ref) return refName(s.$ref);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return 'one of ' + s.enum.map((v) => JSON.stringify(v)).join(', ');
  for (const k of ['oneOf', 'anyOf', 'allOf']) {
    if (s[k]) return s[k].map((x) => typeOf(doc, x)).join(k === 'allOf' ? ' and ' : ' or ');
  }
  let t = Array.isArray(s.type) ? s.type.join(' or ') : s.type || (s.properties ? 'object' : 'any');
  if (t === 'array' && s.items) t = 'array of ' + typeOf(doc, s.items);
  if (s.format) t += ` (${s.format})`;
  if (s.pattern) t += ` matching ${s.pattern}`;
  return t;
}

// schemaTree lists an object's properties (and those of nested objects, a
// few levels deep) with their types and whether they are required.
function schemaTree(doc, s, depth = 0) {
  s = resolve(doc, s);
  if (s.type === 'array' && s.items) s = resolve(doc, s.items);
  const props = { ...(s.properties || {}) };
  const required = new Set(s.required || []);
  for (const part of s.allOf || []) {
    const r = resolve(doc, part);
    Object.assign(props, r.properties || {});
    (r.required || []).forEach((k) => required.add(k));
  }
  const names = Object.keys(props);
  if (!names.length) return el('p', { class: 'muted' }, typeOf(doc, s));
  return el('ul', {}, names.map((n) => {
    const p = props[n];
    const r = resolve(doc, p);
    const nested = depth < 2 && (r.properties || (r.type === 'array' && resolve(doc, r.items).properties));
    return el('li', {}, el('code', {}, n), required.has(n) ? el('strong', {}, ' required') : '', ' — ', typeOf(doc, p),
      r.description ? el('span', { class: 'muted' }, ' · ' + r.description.split('\n')[0]) : '',
      nested ? schemaTree(doc, r, depth + 1) : '');
  }));
}

// example gives a request body to start from: the document's example when it
// has one, else the required properties with placeholder values.
function example(doc, s, depth = 0) {
  if (!s) return undefined;
  const r = resolve(doc, s);
  if (r.example !== undefined) return r.example;
  if (r.examples?.length) return r.examples[0];
  if (r.const !== undefined) return r.const;
  if (r.enum) return r.enum[0];
  if (depth > 4) return null;
  const t = Array.isArray(r.type) ? r.type[0] : r.type || (r.properties ? 'object' : undefined);
  if (t === 'object' || r.allOf) {
    const o = {};
    const req = new Set(r.required || []);
    const props = { ...(r.properties || {}) };
    for (const part of r.allOf || []) {
      const p = resolve(doc, part);
      Object.assign(props, p.properties || {});
      (p.required || []).forEach((k) => req.add(k));
    }
    for (const k of req) o[k] = example(doc, props[k], depth + 1);
    return o;
  }
  if (t === 'array') return [];
  if (t === 'integer' || t === 'number') return r.minimum ?? 0;
  if (t === 'boolean') return false;
  if (t === 'string') return r.format === 'email' ? 'someone@example.com' : r.format === 'date-time' ? new Date().toISOString() : 'string';
  return null;
}

function operation(doc, path, method, op, onTry) {
  const params = [...(doc.paths[path].parameters || []), ...(op.parameters || [])].map((p) => resolve(doc, p));
  const body = op.requestBody && resolve(doc, op.requestBody);
  const media = body?.content && (body.content['application/json'] || Object.values(body.content)[0]);
  const id = `op-${method}-${path}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return el('details', { class: 'op', 'data-op': `${method.toUpperCase()} ${path}` },
    el('summary', {}, el('span', { class: 'method' }, method.toUpperCase()), el('code', {}, path),
      op.summary ? ' — ' + op.summary : op.operationId ? el('span', { class: 'muted' }, ' ' + op.operationId) : ''),
    el('div', { id },
      op.description ? el('p', {}, op.description) : '',
      params.length ? [el('h4', {}, 'Parameters'), el('table', { class: 'data' },
        el('thead', {}, el('tr', {}, ['Name', 'In', 'Required', 'Type', 'Description'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, params.map((p) => el('tr', {},
          el('td', {}, el('code', {}, p.name)), el('td', {}, p.in), el('td', {}, p.required ? 'yes' : 'no'),
          el('td', {}, typeOf(doc, p.schema)), el('td', {}, p.description || '')))))] : '',
      media ? [el('h4', {}, `Request body${body.required ? ' (required)' : ''}: ${typeOf(doc, media.schema)}`), schemaTree(doc, media.schema)] : '',
      el('h4', {}, 'Responses'),
      el('ul', {}, Object.entries(op.responses || {}).map(([code, r]) => {
        const rr = resolve(doc, r);
        const m = rr.content && (rr.content['application/json'] || Object.values(rr.content)[0]);
        return el('li', {}, el('strong', {}, code), ' ', rr.description || '', m?.schema ? [' — ', el('code', {}, typeOf(doc, m.schema))] : '');
      })),
      el('button', {
        type: 'button', onclick: () => onTry(method, path, media ? (media.example ?? example(doc, media.schema)) : undefined),
        'aria-label': `Try ${method.toUpperCase()} ${path}`,
      }, 'Try it')));
}

export function renderReference(box, doc, { onTry, filter = '' }) {
  const f = filter.trim().toLowerCase();
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const text = `${m} ${path} ${op.summary || ''} ${op.operationId || ''}`.toLowerCase();
      if (f && !text.includes(f)) continue;
      ops.push(operation(doc, path, m, op, onTry));
    }
  }
  const schemas = Object.entries(doc.components?.schemas || {}).filter(([n]) => !f || n.toLowerCase().includes(f));
  box.replaceChildren(...[
    el('p', {}, el('strong', {}, doc.info?.title || 'API'), doc.info?.version ? ` version ${doc.info.version}` : '',
      ` · ${ops.length} operations`),
    el('h3', {}, 'Operations'),
    ops.length ? ops : el('p', { class: 'muted' }, 'No operation matches.'),
    el('h3', {}, 'Schemas'),
    schemas.length ? schemas.map(([n, s]) => el('details', { class: 'op' }, el('summary', {}, el('code', {}, n)),
      el('div', {}, s.description ? el('p', {}, s.description) : '', schemaTree(doc, s)))) : el('p', { class: 'muted' }, 'None.')].flat());
}
