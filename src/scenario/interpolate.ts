/** A `${NAME}` replaced by its value. */
export interface Substitution {
  name: string;
  value: string;
}

export type Interpolation = { ok: true; value: string; substitutions: Substitution[] } | { ok: false; message: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${NAME}` (and `${NAME:-default}`, used when NAME is unset or empty) with values from `env`.
 * `$${` is a literal `${`. A missing variable is an error that names it, and so is one that
 * `refuse` refuses (with its reason), default or not.
 */
export function interpolate(text: string, env: NodeJS.ProcessEnv, refuse: (name: string) => string | undefined = () => undefined): Interpolation {
  if (!text.includes('$')) return { ok: true, value: text, substitutions: [] };
  let out = '';
  const missing: string[] = [];
  const substitutions: Substitution[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      out += '${';
      i += 3;
    } else if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i + 2);
      if (end < 0) return { ok: false, message: 'unterminated "${" (write "$${" for a literal "${")' };
      const inner = text.slice(i + 2, end);
      const split = inner.indexOf(':-');
      const name = split < 0 ? inner : inner.slice(0, split);
      if (!NAME.test(name)) {
        return { ok: false, message: `"\${${inner}}" is not a variable reference (use \${NAME} or \${NAME:-default})` };
      }
      const refused = refuse(name);
      if (refused !== undefined) return { ok: false, message: refused };
      const value = env[name];
      if (split >= 0 && (value === undefined || value === '')) out += inner.slice(split + 2);
      else if (value !== undefined) {
        out += value;
        substitutions.push({ name, value });
      } else if (!missing.includes(name)) missing.push(name);
      i = end + 1;
    } else {
      out += text[i];
      i += 1;
    }
  }
  if (missing.length === 1) return { ok: false, message: `environment variable ${missing[0]} is not set` };
  if (missing.length > 1) return { ok: false, message: `environment variables ${missing.join(', ')} are not set` };
  return { ok: true, value: out, substitutions };
}
