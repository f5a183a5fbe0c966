import { commitImport, type ImportParams, networkExists, parseImport } from '../routes/files'
import { type JobHandler, yieldToRequests } from './runner'

/** Large imports: parsed off the request, committed together with the job's result. */
export const importJob: JobHandler = async (context) => {
  const params = context.params as ImportParams
  const { store } = context.services
  await context.progress(0.05, 'parsing')
  await yieldToRequests()
  // Parsed (and diffed against the revision it replaces) on an analysis worker when large, so the server keeps
  // answering while a 58 MB file is read.
  const exists = await networkExists(store, params.workspace, params.network)
  const parsed = await parseImport(context.services, params, exists)
  const { network, warnings } = parsed
  await context.progress(0.7, `storing ${network.nodes.length} nodes, ${network.links.length} links`)
  // The upload is dropped in the same transaction: a finished job keeps its result, not a 40 MB text (issue 9).
  await context.finish(undefined, async (tx) => ({ ...(await commitImport(store, params, parsed, exists, tx)), warnings }), { dropParams: true })
}


