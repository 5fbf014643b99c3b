import { describe, expect, it } from 'vitest'
import { foldName, foldText, foldWords, nameWords } from '../../src/domain/text/fold.js'
import { nameKey } from '../../src/domain/matching/text.js'

describe('one text folding', () => {
  it.each([
    ['Cœur de Lion', 'coeur de lion'],
    ['ÆTHER Studio', 'aether studio'],
    ['Straße', 'strasse'],
    ['Søren Ørsted', 'soren orsted'],
    ['Łódź', 'lodz'],
    ['Đorđević', 'dordevic'],
    ['Þórr', 'thorr'],
    ['ＦＡＣＴ－２０２６－００１', 'fact-2026-001'],
    ['ﬁnance', 'finance'],
    ['L’Atelier – “Verde”', 'l\'atelier - "verde"'],
    ['  Élodie\u00a0\u202fMÜLLER  ', 'elodie muller'],
    ['N° 12', 'n° 12'],
    ['Nº 12', 'no 12'],
  ])('folds %s', (input, folded) => {
    expect(foldText(input)).toBe(folded)
  })

  it('keeps ASCII text as lower case and collapses spaces', () => {
    expect(foldText('VIR  SEPA FACT-2026-001')).toBe('vir sepa fact-2026-001')
  })

  it('reduces to words for matching', () => {
    expect(foldWords('Pixel & Plume')).toBe('pixel et plume')
    expect(foldWords('FACT/2026/001.')).toBe('fact 2026 001')
  })

  it('drops civil titles and legal forms from names', () => {
    expect(nameWords('M. Jean DUPONT')).toEqual(['jean', 'dupont'])
    expect(foldName('Mme Cœur Élise')).toBe('coeur elise')
    expect(foldName('MR OU MME MARTIN')).toBe('martin')
    expect(foldName('Mrs Smith')).toBe('smith')
    expect(foldName('Dr Hervé Léger')).toBe('herve leger')
    expect(foldName('Glow Cosmetics SAS')).toBe('glow cosmetics')
    expect(foldName('STE NORDIK DESIGN SARL')).toBe('nordik design')
  })

  it('gives the same name key to a ligature and its spelling, in any word order', () => {
    expect(nameKey('Cœur de Lin SARL')).toBe(nameKey('LIN DE COEUR'))
    expect(nameKey('Ærø Conseil')).toBe(nameKey('AEROE CONSEIL'.replace('AEROE', 'AERO')))
  })
})
