import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';

/** What a case action's refusals mean for this action, with an example each (the message is always the reason). */
export interface CaseActionRefusalDocs {
  /** 409: the action does not fit the case now, e.g. "approval before consultation". */
  conflict: string;
  /** 422: the action breaks a rule, e.g. "an override without a reason". */
  invalid: string;
  /** 404, default "No such case." */
  notFound?: string;
  /** 200, default "The case after the action (its workflow state, without the history)." */
  ok?: string;
}

/**
 * The OpenAPI answers of an action run on a case workflow (a Temporal update), the same in every service:
 * 400 field errors, 404 no such case, 409 does not fit the case now, 422 breaks a rule — the refusal kinds of
 * @huiying/temporal refusalKind / REFUSAL_HTTP_STATUS. On a controller class or a handler.
 */
export function ApiCaseActionRefusals(docs: CaseActionRefusalDocs): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ApiBadRequestResponse({ description: 'The body is malformed: `errors: [{field, messages}]`; nothing changed.' }),
    ApiNotFoundResponse({ description: docs.notFound ?? 'No such case.' }),
    ApiConflictResponse({ description: `The action does not fit the case now; \`message\` is the reason (e.g. ${docs.conflict}).` }),
    ApiUnprocessableEntityResponse({ description: `The action breaks a rule of the case; \`message\` is the reason (e.g. ${docs.invalid}).` }),
    ApiServiceUnavailableResponse({ description: 'The case workflow cannot be reached (Temporal down or no worker running); try again.' }),
    ApiOkResponse({ description: docs.ok ?? 'The case after the action (its workflow state, without the history).' }),
  );
}
