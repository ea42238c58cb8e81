import { Module, type DynamicModule } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { HttpAuthModule, type JwtAuthConfig } from '@sf/http-auth';
import { HealthModule, type ReadinessProbe } from '@sf/service-kit';
import { JobDocumentsController, PROCESSOR_DB } from '../read-model/job-documents.http-controller';
import type { ProcessorDb } from '../schema/processor-schema';

/**
 * The processor's HTTP edge, behind the global JWT guard like every service (health is public): health, and the
 * documents each job processed (its own read model).
 */
@Module({})
export class ProcessorModule {
  static forRoot(readiness: ReadinessProbe, jwt: JwtAuthConfig, db: Kysely<ProcessorDb>): DynamicModule {
    return {
      module: ProcessorModule,
      imports: [HttpAuthModule.forRoot(jwt), HealthModule.forRoot(readiness)],
      controllers: [JobDocumentsController],
      providers: [{ provide: PROCESSOR_DB, useValue: db }],
    };
  }
}
