import { Module, type DynamicModule } from '@nestjs/common';
import { HttpAuthModule, type JwtAuthConfig } from '@sf/http-auth';
import { HealthModule, checkReadiness } from '@sf/service-kit';
import { ProcessingController } from '../processing/processing.http-controller';
import { ReadModelsController } from '../read-models/read-models.http-controller';
import { MirrorReadsController } from '../mirror-api/mirror-reads.http-controller';
import { RecordHistoryController } from '../mirror-api/record-history.http-controller';
import { RecordReadsController } from '../mirror-api/record-reads.http-controller';
import { StatusController } from '../status/status.http-controller';
import { ReviewController } from '../review/review.http-controller';
import { ScheduleController } from '../schedule/schedule.http-controller';
import { LiveController } from '../live/live.http-controller';
import { PrioritiseController } from './prioritise.http-controller';
import { StatusPageController } from '../page/status-page.http-controller';
import { HTTP_DEPS, type HttpDeps } from './http-deps';
import { SyncJobsController } from './sync-jobs.http-controller';
import { OnboardingController } from './onboarding.http-controller';
import { ResyncController } from './resync.http-controller';
import { SyncController } from './sync.http-controller';
import { CalendarWritesController } from '../writes/calendar-writes.http-controller';
import { NoteWritesController } from '../writes/note-writes.http-controller';
import { TaskWritesController } from '../writes/task-writes.http-controller';
import { WritesController } from '../writes/writes.http-controller';
import { NotesReadController } from '../writes/notes-read.http-controller';

/**
 * The HTTP edge: the global JWT guard (every route needs the gateway's bearer token, except health) and the
 * controllers, which only call the sync service.
 */
@Module({})
export class OrchestratorModule {
  static forRoot(deps: HttpDeps, jwt: JwtAuthConfig): DynamicModule {
    return {
      module: OrchestratorModule,
      imports: [
        HttpAuthModule.forRoot(jwt),
        HealthModule.forRoot(() => checkReadiness(deps.db, deps.nc, 2_000, deps.loops)),
      ],
      controllers: [
        SyncController,
        ResyncController,
        OnboardingController,
        SyncJobsController,
        ProcessingController,
        ReadModelsController,
        MirrorReadsController,
        RecordReadsController,
        RecordHistoryController,
        StatusController,
        ReviewController,
        ScheduleController,
        LiveController,
        PrioritiseController,
        StatusPageController,
        NoteWritesController,
        TaskWritesController,
        CalendarWritesController,
        WritesController,
        NotesReadController,
      ],
      providers: [{ provide: HTTP_DEPS, useValue: deps }],
    };
  }
}
