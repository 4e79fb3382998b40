import type { Endpoints, FunctionPlan, HostingFile, HttpAccessRoute } from './plan';

/** A deployed function as the environment reports it: the hashes the last deploy recorded on it. */
export interface RemoteFunction {
  name: string;
  codeHash: string | null;
  configHash: string | null;
}

/** What a function is deployed with: its plan, the secret values, and the hashes recorded on it. */
export interface FunctionDeployment {
  fn: FunctionPlan;
  envVariables: Record<string, string>;
  codeHash: string;
  configHash: string;
}

export interface IndexSpec {
  collection: string;
  name: string;
  keys: { name: string; direction: '1' | '-1' }[];
}

/**
 * Where a deploy goes. Two implementations: CloudBase through @cloudbase/manager-node
 * (cloudbaseEnvironment.ts) and the local cloud's folders and database (localEnvironment.ts), so
 * the plan → diff → apply engine is exercised for real by the tests.
 */
export interface Environment {
  readonly label: string;
  listFunctions(): Promise<RemoteFunction[]>;
  createFunction(d: FunctionDeployment): Promise<void>;
  updateFunctionCode(d: FunctionDeployment): Promise<void>;
  updateFunctionConfig(d: FunctionDeployment): Promise<void>;
  listCollections(): Promise<string[]>;
  createCollection(name: string): Promise<void>;
  /** Index names present on a collection. */
  listIndexes(collection: string): Promise<string[]>;
  createIndex(index: IndexSpec): Promise<void>;
  getDatabaseRule(collection: string): Promise<unknown>;
  setDatabaseRule(collection: string, rule: unknown): Promise<void>;
  getStorageRule(): Promise<unknown>;
  setStorageRule(rule: unknown): Promise<void>;
  /** Files under cloudPath (relative to it) with their md5. */
  listHostingFiles(cloudPath: string): Promise<Record<string, string>>;
  uploadHostingFiles(localDir: string, cloudPath: string, files: HostingFile[]): Promise<void>;
  deleteHostingFiles(cloudPath: string, paths: string[]): Promise<void>;
  /** The HTTP access domain and static hosting domain(s) (what the console's config and CORS need). */
  describeEndpoints(): Promise<Endpoints & { httpAccessEnabled: boolean }>;
  /** Switches the HTTP access service on (it is off in a new environment). */
  enableHttpAccess(): Promise<void>;
  /** HTTP access paths to functions (`/fn/org` → org); `id` is the environment's handle for a delete. */
  listHttpAccess(): Promise<(HttpAccessRoute & { id?: string })[]>;
  /** A path to a function, without CloudBase login auth (the console's session token is the authority). */
  createHttpAccess(route: HttpAccessRoute): Promise<void>;
  deleteHttpAccess(route: HttpAccessRoute & { id?: string }): Promise<void>;
  /** Invokes a function with an event as the deployer (no WeChat caller). */
  invokeFunction(name: string, event: Record<string, unknown>): Promise<unknown>;
}
