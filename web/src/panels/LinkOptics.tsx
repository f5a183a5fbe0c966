import { type OpticalSpanAnswer, opticalSpan, useApiQuery } from '../api'
import { DataTable } from '../components/DataTable'
import { ErrorNote } from '../components/ErrorNote'
import { useWorkbench } from '../context'
import { num } from '../format'
import { marginColor } from '../map/scales'
import { spanLayout } from '../spans'

/**
 * A link's line design from `GET /optical/span`: the span diagram (spans to scale with their lengths and losses,
 * amplifier sites, the terminals), each mode's margin, and for a single-span link the unrepeatered verdict with
 * the options (fibre × booster / Raman / ROPA) that would close it. Loaded with the link's details, off the first load.
 */
export default function LinkOptics({ linkId, ends }: { linkId: string; ends: [string, string] }) {
  const wb = useWorkbench()
  const { data, error, busy } = useApiQuery((signal) => opticalSpan({ network: wb.loaded.networkName, scenario: wb.scenario, link: linkId }, { signal }), [linkId, wb.scenario, wb.loaded.networkName])
  return (
    <section aria-label="Line design" className="line-design">
      <h3>Line design (optical)</h3>
      {busy && <p role="status" className="muted small">Designing the line and propagating each mode…</p>}
      {error && !busy && <ErrorNote error={error} />}
      {data && !busy && <LineDesign answer={data} ends={ends} repeatered={wb.network.links.find((l) => l.id === linkId)?.repeatered} />}
    </section>
  )
}

type Option = OpticalSpanAnswer['unrepeateredOptions'][number]

function LineDesign({ answer, ends, repeatered }: { answer: OpticalSpanAnswer; ends: [string, string]; repeatered: boolean | undefined }) {
  const { spans, unserved, assumptions } = answer.design
  const single = spans.length === 1
  const best = answer.bestMode
  const options = answer.unrepeateredOptions.map((o) => ({ ...o, best: bestOf(o) }))
  const closing = options.filter((o) => o.best.feasible).sort((x, y) => y.best.bitRateGbps - x.best.bitRateGbps || y.best.marginDb - x.best.marginDb)
  return (
    <>
      <SpanStrip answer={answer} ends={ends} />
      <p className="small" aria-label="Optical verdict">
        {unserved.length > 0 ? (
          <b className="bad">Not designed: {unserved.map((u) => u.reason).join('; ')}.</b>
        ) : best ? (
          <>
            <b>{single ? 'Unrepeatered: closes' : 'Closes'} at {best.bitRateGbps}G</b> ({best.modeId}) with {num(best.marginDb, 1)} dB margin on {spans.length === 1 ? 'one span' : `${spans.length} spans`} of {num(answer.lengthKm)} km.
          </>
        ) : (
          <b className="bad">{single ? 'Unrepeatered: no mode closes' : 'No mode closes'} on the designed line ({num(answer.lengthKm)} km{answer.modes.length ? `; best margin ${num(Math.max(...answer.modes.map((m) => m.marginDb)), 1)} dB` : ''}).</b>
        )}
      </p>
      {answer.modes.length > 0 && (
        <DataTable
          label="Margin per mode"
          columns={[
            { header: 'mode', value: (m: OpticalSpanAnswer['modes'][number]) => m.modeId },
            { header: 'Gbit/s', value: (m) => m.bitRateGbps, numeric: true },
            { header: 'GSNR dB', value: (m) => m.worstGsnr01nmDb, render: (m) => num(m.worstGsnr01nmDb, 1), numeric: true },
            { header: 'margin dB', value: (m) => m.marginDb, render: (m) => <span style={{ color: marginColor(m.marginDb) }}>{num(m.marginDb, 1)}</span>, numeric: true },
          ]}
          rows={answer.modes}
          rowKey={(m) => m.modeId}
        />
      )}
      {options.length > 0 && (
        // Open where the question is live: a single-span link, one that some option would cross unrepeatered, or a
        // submarine cable whose sources do not say it is repeatered (the Trans-Caspian cable's case).
        <details className="unrepeatered" open={single || closing.length > 0 || (answer.kind === 'submarine' && repeatered !== true)}>
          <summary>Unrepeatered: the link as one span, terminal to terminal</summary>
          <p className="small" aria-label="Unrepeatered verdict">
            {closing.length > 0
              ? `${closing.length} of ${options.length} fibre and amplification options cross ${num(answer.lengthKm)} km unrepeatered; the best: ${closing[0].fiberTypeId} with ${closing[0].option} at ${closing[0].best.bitRateGbps}G (${num(closing[0].best.marginDb, 1)} dB margin).`
              : `No fibre and amplification option of the library crosses ${num(answer.lengthKm)} km unrepeatered.`}
          </p>
          <DataTable
            label="Unrepeatered options"
            columns={[
              { header: 'fibre', value: (o: (typeof options)[number]) => o.fiberTypeId },
              { header: 'option', value: (o) => o.option },
              { header: 'best rate', value: (o) => (o.best.feasible ? o.best.bitRateGbps : 0), render: (o) => (o.best.feasible ? `${o.best.bitRateGbps}G` : 'none'), numeric: true },
              { header: 'margin dB', value: (o) => o.best.marginDb, render: (o) => <span style={{ color: marginColor(o.best.marginDb) }}>{num(o.best.marginDb, 1)}</span>, numeric: true },
            ]}
            rows={options}
            rowKey={(o) => `${o.fiberTypeId}-${o.option}`}
            sort={{ by: 'margin dB', descending: true }}
          />
          {answer.unrepeateredAssumptions.length > 0 && <p className="muted small">{answer.unrepeateredAssumptions.join(' ')}</p>}
        </details>
      )}
      {(assumptions.length > 0 || answer.notes.length > 0) && (
        <details className="small">
          <summary>Assumptions of the design ({assumptions.length + answer.notes.length})</summary>
          <ul>
            {[...answer.notes, ...assumptions].map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  )
}

/** The highest-rate mode that closes on an option, else its best-margin mode. */
function bestOf(o: Option) {
  const feasible = o.modes.filter((m) => m.feasible).sort((a, b) => b.bitRateGbps - a.bitRateGbps || b.marginDb - a.marginDb)
  return feasible[0] ?? [...o.modes].sort((a, b) => b.marginDb - a.marginDb)[0] ?? { modeId: '', bitRateGbps: 0, marginDb: Number.NaN, feasible: false, launchPerChannelDbm: 0 }
}

// In the panel's own width (about 360 px), so the labels print at their size, not scaled down.
const WIDTH = 360
const PAD = 22

/** The line as an SVG strip: terminals at both ends, spans to scale (km and dB), amplifier sites between them. */
function SpanStrip({ answer, ends }: { answer: OpticalSpanAnswer; ends: [string, string] }) {
  const { spans, sites } = spanLayout(answer.design.spans, WIDTH - 2 * PAD)
  const y = 46
  const labelled = spans.length <= 8
  const color = answer.kind === 'submarine' ? '#1f6fb2' : '#b5472d'
  const siteName = answer.kind === 'submarine' ? 'repeater' : 'in-line amplifier'
  const inline = sites.filter((s) => !s.terminal)
  return (
    <figure className="span-diagram">
      <svg viewBox={`0 0 ${WIDTH} 96`} width="100%" role="img" aria-label={`Span diagram: ${spans.length} spans, ${inline.length} ${siteName} sites, ${num(answer.lengthKm)} km`}>
        <title>{`${ends[0]} – ${ends[1]}: ${spans.length} spans`}</title>
        {spans.map((s) => (
          <g key={s.index} data-span={s.index}>
            <line x1={PAD + s.x0} x2={PAD + s.x1} y1={y} y2={y} stroke={color} strokeWidth={4} />
            {labelled && (
              <>
                <text x={PAD + (s.x0 + s.x1) / 2} y={y - 12} textAnchor="middle" fontSize={9.5} fill="#222">{num(s.lengthKm)} km</text>
                <text x={PAD + (s.x0 + s.x1) / 2} y={y + 18} textAnchor="middle" fontSize={9.5} fill="#555">{num(s.lossDb, 1)} dB</text>
              </>
            )}
          </g>
        ))}
        {inline.map((s, i) => (
          <path key={i} data-site={i + 1} d={`M ${PAD + s.x} ${y - 8} L ${PAD + s.x + 9} ${y} L ${PAD + s.x} ${y + 8} Z`} fill={s.amplifierTypeId ? '#111' : '#d62728'} transform={`translate(-4 0)`}>
            <title>{s.amplifierTypeId ? `${siteName} ${i + 1}: ${s.amplifierTypeId}` : `${siteName} ${i + 1}: no amplifier fits`}</title>
          </path>
        ))}
        {[0, WIDTH - 2 * PAD].map((x, i) => (
          <g key={i}>
            <rect x={PAD + x - 7} y={y - 10} width={14} height={20} fill="#fff" stroke="#111" strokeWidth={1.5} />
            <text x={PAD + x} y={y + 36} textAnchor={i === 0 ? 'start' : 'end'} fontSize={11} fill="#111">{ends[i]}</text>
          </g>
        ))}
      </svg>
      <figcaption className="muted small">
        {spans.length === 1 ? 'One span, no line amplifiers' : `${spans.length} spans, ${inline.length} ${siteName} sites`} · terminals: ROADM with booster and preamp
        {!labelled ? ' · hover a site for its amplifier' : ''}
      </figcaption>
    </figure>
  )
}
