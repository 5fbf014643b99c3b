/**
 * The language the CLI speaks when no configuration says it (init and remove read none; the other
 * commands use the config's `language` first): the environment's locale, LC_ALL, then LC_MESSAGES,
 * then LANG. French by default: unset, "C" or "POSIX" (a bare container) read French; "fr…" French;
 * any other locale English.
 */
import type { Language } from '../admin/locale/language.js'

export function environmentLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '')
  if (locale === undefined || /^(C|POSIX)([.@]|$)/i.test(locale)) return 'fr'
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en'
}
