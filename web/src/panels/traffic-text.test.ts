import assert from 'node:assert/strict'
import { test } from 'node:test'
import { flowLinkText, opticalLinkText } from './traffic-text'

test("a flow link's hover text: load of capacity and utilisation, or capacity unknown", () => {
  assert.equal(flowLinkText({ loadGbps: 1234.56, capacityGbps: 10_000, utilisation: 0.123456 }), 'load 1,234.6 of 10,000 Gbit/s · utilisation 12.3 %')
  assert.equal(flowLinkText({ loadGbps: 30, capacityGbps: 20, utilisation: 1.5 }), 'load 30.0 of 20 Gbit/s · utilisation 150.0 %')
  assert.equal(flowLinkText({ loadGbps: 0, capacityGbps: null, utilisation: null }), 'load 0.0 Gbit/s · capacity unknown')
})

test("an optical link's hover text: best rate and margin, none closing, or no line", () => {
  assert.equal(opticalLinkText({ designed: true, rateGbps: 400, modeId: 'dp-16qam', marginDb: 3.24 }), 'best 400G (dp-16qam) · margin 3.2 dB')
  assert.equal(opticalLinkText({ designed: true, rateGbps: 0, modeId: null, marginDb: -1.26 }), 'no mode closes · margin -1.3 dB')
  assert.equal(opticalLinkText({ designed: false, rateGbps: 0, modeId: null, marginDb: null }), 'line not designed (no amplifier fits)')
})
