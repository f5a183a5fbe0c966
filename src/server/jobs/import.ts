import { commitImport, type ImportParams, networkExists, parseUpload } from '../routes/files'
import { uploadLimits } from '../limits'
import { type JobHandler, yieldToRequests } from './runner'

/** Large imports: parsed off the request, committed together with the job's result. */
export const importJob: JobHandler = async (context) => {
  const params = context.params as ImportParams
  const { store } = context.services
  await context.progress(0.05, 'parsing')
  await yieldToRequests()
  const { network, warnings } = parseUpload(params.text, params.format, uploadLimits(context.services.options))
  await context.progress(0.7, `storing ${network.nodes.length} nodes, ${network.links.length} links`)
  const exists = await networkExists(store, params.workspace, params.network)
  // The upload is dropped in the same transaction: a finished job keeps its result, not a 40 MB text (issue 9).
  await context.finish(undefined, async (tx) => ({ ...(await commitImport(store, params, network, exists, tx)), warnings }), { dropParams: true })
}


