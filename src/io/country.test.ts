import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { countryCode } from './index'

describe('countryCode', () => {
  it('reads ISO alpha-2 and alpha-3 codes in any case', () => {
    assert.deepEqual(countryCode('az'), { code: 'AZ', known: true })
    assert.deepEqual(countryCode('KAZ'), { code: 'KZ', known: true })
  })

  it('reads English names as the Topology Zoo writes them', () => {
    const names: Record<string, string> = {
      Germany: 'DE',
      'United Kingdom': 'GB',
      'United States': 'US',
      'Czech Republic': 'CZ',
      Macedonia: 'MK',
      'Myanmar [Burma]': 'MM',
      Russia: 'RU',
      'South Korea': 'KR',
      Kosovo: 'XK',
      'U.S. Virgin Islands': 'VI',
      Curacao: 'CW',
      'Bonaire, Saint Eustatius and Saba': 'BQ',
      Moldova: 'MD',
      Georgia: 'GE',
      Azerbaijan: 'AZ',
      Turkmenistan: 'TM',
      ' Kazakhstan ': 'KZ',
    }
    for (const [name, code] of Object.entries(names)) assert.equal(countryCode(name)?.code, code, name)
  })

  it('keeps an unassigned upper-case pair as given but says so, and knows nothing of Atlantis', () => {
    assert.deepEqual(countryCode('ZZ'), { code: 'ZZ', known: false })
    assert.equal(countryCode('zz'), undefined)
    assert.equal(countryCode('Atlantis'), undefined)
    assert.equal(countryCode(''), undefined)
  })
})
