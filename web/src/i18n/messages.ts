/** A message: its id (`<feature>.<component>.<key>`) and its French text, the source (ICU MessageFormat). */
export interface Message {
  readonly id: string;
  readonly defaultMessage: string;
}

/**
 * The messages of a component, written where they are used. An identity function, as react-intl's own, without its
 * typed-argument mode (which wants every message's arguments spelled out as a type parameter): catalog.test.ts
 * checks instead that each English message takes the same arguments as the French one.
 */
export function defineMessages<const T extends Record<string, Message>>(messages: T): T {
  return messages;
}
