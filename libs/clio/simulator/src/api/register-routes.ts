import type { Clock } from '../clock';
import type { Router } from '../server/router';
import type { SimStore } from '../store/store';
import type { ResolvedDownloadOptions } from './downloads/download-options';

export interface CoreDeps {
  store: SimStore;
  clock: Clock;
  metaRecords: boolean;
  download: ResolvedDownloadOptions;
}

/** Registers every Clio API route the simulator serves. */
export const registerCoreRoutes = (_router: Router, _deps: CoreDeps): void => {
  // filled in below
};
