/**
 * Token-set similarity of two already-normalised strings, 0–100: the words both share, sorted, against
 * each side's shared-then-own words, and the two sides against each other; the best of the three InDel
 * ratios. It is fuzzywuzzy's / fuzzball's `token_set_ratio` with processing off, in a few lines, so the
 * package does not pull a fuzzy-matching library (and lodash-style helpers) for one function.
 * test/domain/token-set-ratio.test.ts checks it against fuzzball on generated strings.
 */
export function tokenSetRatio(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0
  const tokensA = new Set(a.match(/\S+/g) ?? [])
  const tokensB = new Set(b.match(/\S+/g) ?? [])
  const shared = [...tokensA].filter((token) => tokensB.has(token)).sort()
  const onlyA = [...tokensA].filter((token) => !tokensB.has(token)).sort()
  const onlyB = [...tokensB].filter((token) => !tokensA.has(token)).sort()
  const sect = shared.join(' ')
  const withA = `${sect} ${onlyA.join(' ')}`.trim()
  const withB = `${sect} ${onlyB.join(' ')}`.trim()
  return Math.max(indelRatio(sect, withA), indelRatio(sect, withB), indelRatio(withA, withB))
}

/** 100 × (1 − InDel distance / total length), rounded: the python-Levenshtein ratio (a substitution costs 2). */
export function indelRatio(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0
  const lengths = a.length + b.length
  return Math.round((100 * 2 * longestCommonSubsequence(a, b)) / lengths)
}

/** Length of the longest common subsequence of UTF-16 code units, in one row of memory. */
function longestCommonSubsequence(a: string, b: string): number {
  const row = new Uint32Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0
    const code = a.charCodeAt(i - 1)
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = code === b.charCodeAt(j - 1) ? diagonal + 1 : Math.max(above, row[j - 1]!)
      diagonal = above
    }
  }
  return row[b.length]!
}
