/** `/links/3/b` → `links[3].b`; the empty pointer is the document root. */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '(root)'
  let path = ''
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (/^\d+$/.test(part)) path += `[${part}]`
    else path = joinPath(path === '' ? '(root)' : path, part)
  }
  return path
}

export function joinPath(base: string, field: string | number): string {
  const prefix = base === '(root)' ? '' : base
  if (typeof field === 'number') return `${prefix}[${field}]`
  // Keys that are not plain identifiers (empty, spaces, dots) are quoted: `metadata["a b"]`.
  if (!/^[A-Za-z_$][\w$-]*$/.test(field)) return `${prefix}[${JSON.stringify(field)}]`
  return prefix === '' ? field : `${prefix}.${field}`
}
