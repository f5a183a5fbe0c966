import { useEffect, useRef, useState } from 'react'

type PlotModule = typeof import('@observablehq/plot')

let plotModule: Promise<PlotModule> | undefined

/**
 * An Observable Plot figure, loaded on first use (the library is not in the first-load bundle). `make` builds
 * the SVG from the module; it reruns when `deps` change.
 */
export function PlotFigure({ make, deps, label }: { make: (plot: PlotModule, width: number) => SVGSVGElement | HTMLElement; deps: unknown[]; label: string }) {
  const ref = useRef<HTMLDivElement>(null)
  const [error, setError] = useState<string>()
  useEffect(() => {
    let live = true
    plotModule ??= import('@observablehq/plot')
    plotModule
      .then((plot) => {
        if (!live || !ref.current) return
        const figure = make(plot, Math.max(260, ref.current.clientWidth || 340))
        // Plot names its mark groups ("line", "dot") with aria-label on plain <g>s, which ARIA forbids there
        // (axe-core: aria-prohibited-attr); the figure's own label says what the plot shows.
        for (const g of figure.querySelectorAll('g[aria-label]')) g.setAttribute('role', 'group')
        ref.current.replaceChildren(figure)
      })
      .catch((e: Error) => setError(e.message))
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  return (
    <figure className="plot" aria-label={label}>
      <div ref={ref} />
      {error && <p className="error">{error}</p>}
    </figure>
  )
}
