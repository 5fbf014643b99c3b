import { describe, expect, it } from 'vitest'
import { exportFormProblems, fromPickerValue, toPickerValue } from '../../src/components/export-form.js'

describe('the Exporter form', () => {
  it('Maud clears the format and the start date: two French messages, no download, no crash', () => {
    expect(exportFormProblems({ format: null, from: '', to: '2026-11-30' })).toEqual(['Choisissez un format : CSV ou FEC.', 'Indiquez la date de début.'])
  })

  it('refuses impossible dates and a period ending before it starts, accepts a real month', () => {
    expect(exportFormProblems({ format: 'csv', from: '2026-02-30', to: 'n/importe' })).toEqual([
      'La date de début n’est pas une date valide (jj/mm/aaaa).',
      'La date de fin n’est pas une date valide (jj/mm/aaaa).',
    ])
    expect(exportFormProblems({ format: 'fec', from: '2026-12-01', to: '2026-11-30' })).toEqual(['La date de début doit précéder la date de fin.'])
    expect(exportFormProblems({ format: 'fec', from: '2026-11-01', to: '2026-11-30' })).toEqual([])
    expect(exportFormProblems({ format: 'xls', from: '2026-11-01', to: '2026-11-30' })).toEqual(['Choisissez un format : CSV ou FEC.'])
  })

  it('the date picker round trip keeps the day Maud picked, and an emptied picker is an empty day', () => {
    const picked = new Date(toPickerValue('2026-11-01')).toISOString()
    expect(fromPickerValue(picked)).toBe('2026-11-01')
    expect(fromPickerValue('')).toBe('')
    expect(fromPickerValue(null)).toBe('')
    expect(toPickerValue('')).toBe('')
  })
})
