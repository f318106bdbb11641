import type { FastifyInstance } from 'fastify';
import type { Action, PolicyActor, PolicyResource, Role } from '@forefront/contract';
import type { AppContext } from '../../src/shared/context.js';
import type { BuiltUser, Session } from '../builders.js';

/** Shared by policy-matrix.test.ts and each module's request builders in this folder. */
export interface Target {
  label: string;
  resource: PolicyResource;
  /** Path ids for this target. */
  ids: Record<string, string>;
}

export interface World {
  dA: { id: string };
  dB: { id: string };
  dC: { id: string };
  schools: { a1: string; a2: string; b1: string; c1: string };
  districtTargets: Target[];
  schoolTargets: Target[];
  userTargets: Target[];
  invitationTargets: Target[];
  actors: Record<Role, { user: BuiltUser; policy: PolicyActor; session: Session }>;
  /** Targets that modules add (incidents, MOUs...), by name. */
  extra: Record<string, Target[]>;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Item = Record<string, unknown>;

export interface ActionSpec {
  action: Action;
  /**
   * `item`: one resource; `list`: a district's collection (school scope narrows it); `state-list`: no id,
   * the actor's state; `state-item`: no id, one thing made in the actor's state (a state's job).
   */
  kind: 'item' | 'list' | 'state-list' | 'state-item';
  targets: (w: World) => Target[];
  /** The request body; gets the target so a body can name the target's school (e.g. creating an incident there). */
  payload?: (target: Target | null) => unknown;
  success: number;
  /** For a success that is not JSON (a PDF, a CSV): the content type it must answer with. */
  contentType?: string;
  /**
   * A second action the route also checks on an allowed request (a job route: the job kind's own
   * action), so an actor the first action allows but this one does not is answered 403.
   */
  alsoNeeds?: Action;
  /** For lists: does this item lie inside what the actor may see of the target? */
  itemAllowed?: (item: Item, target: Target | null, actor: PolicyActor, w: World) => boolean | Promise<boolean>;
}

/** A module's part of the matrix: targets it adds to the world, and one request builder per route. */
export interface MatrixModule {
  /** Adds targets to `w.extra` (runs once, after the base world is built). */
  extend?: (app: FastifyInstance, ctx: AppContext, w: World) => Promise<void>;
  specs: Record<string, ActionSpec>;
}

/** A request body that is not JSON (a multipart upload): sent as these bytes with this content type. */
export class RawBody {
  constructor(
    readonly contentType: string,
    readonly bytes: Buffer,
  ) {}
}
