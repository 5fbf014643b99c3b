/** The few-line token-set ratio gives fuzzball's token_set_ratio (processing off) on any input. */
import fc from 'fast-check'
import { token_set_ratio } from 'fuzzball'
import { describe, expect, it } from 'vitest'
import { tokenSetRatio } from '../../src/domain/text/token-set-ratio.js'

const word = fc.stringMatching(/^[a-zé0-9]{1,7}$/)
const name = fc.array(word, { minLength: 0, maxLength: 6 }).map((words) => words.join(' '))
const withSpaces = fc.stringMatching(/^[ ab]{0,12}$/)

describe('tokenSetRatio', () => {
  it('equals fuzzball token_set_ratio on generated names, near-duplicates and blank strings', () => {
    fc.assert(
      fc.property(fc.oneof(name, withSpaces), fc.oneof(name, withSpaces), (a, b) => {
        expect(tokenSetRatio(a, b)).toBe(token_set_ratio(a, b, { full_process: false }))
      }),
      { numRuns: 3000, seed: 20261203 },
    )
  })

  it('scores the cases the matcher relies on', () => {
    expect(tokenSetRatio('glow cosmetics', 'glow cosmetics sas')).toBe(100)
    expect(tokenSetRatio('lumiere sas', 'lumiere sarl')).toBe(token_set_ratio('lumiere sas', 'lumiere sarl', { full_process: false }))
    expect(tokenSetRatio('', 'glow')).toBe(0)
    expect(tokenSetRatio('cafe olympe', 'olympe cafe')).toBe(100)
  })
})
