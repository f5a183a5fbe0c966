import Type, { type TSchema } from 'typebox'

/**
 * A parameter that takes several values: repeated (`--avoid-country RU --avoid-country IR`,
 * `avoidCountry=RU&avoidCountry=IR`) or comma separated (`RU,IR`); `placeholder` names the values in CLI help.
 */
export function List<T extends TSchema>(item: T, description: string, placeholder: string, maxItems = 100) {
  return Type.Optional(Type.Array(item, { maxItems, description, 'x-placeholder': placeholder }))
}
