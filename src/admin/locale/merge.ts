import type { LocaleTranslations } from 'adminjs'

export type TranslationsBlock = Record<string, LocaleTranslations>

export interface LocaleLike {
  language: string
  availableLanguages?: string[]
  translations?: Record<string, LocaleTranslations>
  [key: string]: unknown
}

type Tree = Record<string, unknown>
const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value)

/** `over` on top of `base`, recursively: every key `over` has wins. */
function deepMerge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base }
  for (const [key, value] of Object.entries(over)) out[key] = isTree(value) && isTree(out[key]) ? deepMerge(out[key] as Tree, value) : value
  return out
}

/**
 * The host's AdminJS locale with the extension's translations added: the host's own keys win (its
 * login text, labels, language and AdminJS's own strings stay), except under `resources.<id>` of
 * the extension's resources, which only the extension defines. Each of the host's languages gets
 * the extension's texts in it, English for a language the extension does not ship. Without a host
 * locale, French.
 */
export function mergeTranslations(hostLocale: LocaleLike | undefined, block: TranslationsBlock, ownResourceIds: string[] = []): LocaleLike {
  const locale: LocaleLike = hostLocale ?? { language: 'fr', availableLanguages: ['fr'] }
  const translations: Record<string, LocaleTranslations> = { ...(locale.translations ?? {}) }
  const languages = [...new Set([locale.language, ...(locale.availableLanguages ?? [])])]
  for (const language of languages) {
    const ours = block[language] ?? block.en ?? Object.values(block)[0]
    if (!ours) continue
    const host = (translations[language] ?? {}) as Tree
    const merged = deepMerge(ours as Tree, host)
    const ourResources = (ours as Tree).resources as Tree | undefined
    if (ourResources) {
      const resources = { ...((merged.resources as Tree | undefined) ?? {}) }
      for (const id of ownResourceIds.length > 0 ? ownResourceIds : Object.keys(ourResources)) {
        if (ourResources[id]) resources[id] = ourResources[id]
      }
      merged.resources = resources
    }
    translations[language] = merged as LocaleTranslations
  }
  return { ...locale, availableLanguages: languages, translations }
}
