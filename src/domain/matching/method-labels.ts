/** The French word Maud reads for each method (reason-texts.ts METHOD_TEXTS has every language). */
import { METHOD_TEXTS } from './reason-texts.js'
import type { MatchMethod } from './types.js'

export const MATCH_METHOD_LABELS = Object.fromEntries(Object.entries(METHOD_TEXTS).map(([method, word]) => [method, word.fr])) as Record<MatchMethod, string>
