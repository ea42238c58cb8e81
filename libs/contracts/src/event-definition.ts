import type { DataClass } from './field-registry';
import type { StreamType } from './wire-names';

/** Turns a payload of version N (already validated) into the payload of version N + 1. Pure. */
export type Upcaster = (data: never) => object;

/** One entry of the catalogue: everything the platform knows about an event type. */
export interface EventDefinition<TType extends string = string, TCurrent extends object = object> {
  readonly type: TType;
  /** One line: what happened, in the past tense. */
  readonly description: string;
  /** Stream type of the streams this event is appended to. */
  readonly streamType: StreamType;
  /** Version that writers append and that readers receive after upcasting. */
  readonly currentVersion: number;
  /** Payload class of every version, 1 .. currentVersion. */
  readonly versions: Readonly<Record<number, DataClass>>;
  readonly current: DataClass<TCurrent>;
  /** `upcasters[n]` turns a version n payload into a version n + 1 payload, for every n < currentVersion. */
  readonly upcasters: Readonly<Record<number, Upcaster>>;
  /** A valid sample payload of every version (documentation examples and tests). */
  readonly examples: Readonly<Record<number, object>>;
}

type Versions = Record<number, DataClass>;
type VersionOf<V> = keyof V & number;

/**
 * Declares a catalogue entry. Type-checks examples and upcaster inputs against the version classes and checks,
 * once at load time, that versions run 1 .. currentVersion with an upcaster for each older one (a gap is a bug).
 */
export function defineEvent<TType extends string, V extends Versions, C extends VersionOf<V>>(def: {
  type: TType;
  description: string;
  streamType: StreamType;
  currentVersion: C;
  versions: V;
  upcasters: { [N in Exclude<VersionOf<V>, C>]: (data: InstanceType<V[N]>) => object };
  examples: { [N in VersionOf<V>]: InstanceType<V[N]> };
}): EventDefinition<TType, InstanceType<V[C]>> {
  const versions = def.versions as Versions;
  const upcasters = def.upcasters as Record<number, Upcaster>;
  const examples = def.examples as Record<number, object>;
  for (let n = 1; n <= def.currentVersion; n++) {
    if (!versions[n] || !examples[n] || (n < def.currentVersion && !upcasters[n])) {
      throw new Error(`catalogue bug: ${def.type} v${n} lacks a class, an example or an upcaster`);
    }
  }
  if (Object.keys(versions).length !== def.currentVersion) {
    throw new Error(`catalogue bug: ${def.type} has versions above its current version ${def.currentVersion}`);
  }
  return {
    type: def.type,
    description: def.description,
    streamType: def.streamType,
    currentVersion: def.currentVersion,
    versions,
    current: versions[def.currentVersion] as DataClass<InstanceType<V[C]>>,
    upcasters,
    examples,
  };
}
