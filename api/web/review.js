// One review: where it stands in its phases, its references with the national bodies, what may happen next (and, when a step is blocked, why),
// its checkpoints by Quality Marker, its registers, improvement actions, the self-assessment, the privacy
// check and the whole history; each write in place, for the roles that may make it. After a save the
// review is drawn again with the result shown where the work was done. An agency user sees only its own
// agency's actions and the information asked of it.
import { ApiError, get } from './api.js';
import { formatDate, html, PHASE_INDEX, PHASES, phaseLabel } from './format.js';
import { announce, currentUser, render, wholeList } from './page.js';
import { showSaved } from './forms.js';
import { nextSteps, wireSteps } from './review_steps.js';
import { checkpointsByMarker, wireCheckpoints } from './checkpoints.js';
import {
  documentsSection, familySection, processesSection, requestsSection, wireDocuments, wireFamily, wireProcesses, wireRequests,
} from './review_registers.js';
import { actionsSection, wireActions } from './improvement_actions.js';
import { assessmentSection, wireAssessment } from './self_assessment.js';
import { delaySection, historySection } from './history.js';
import { PRIVACY_CHECKERS, privacySection, wirePrivacy } from './privacy.js';
import { referencesSection, wireReferences } from './references.js';

const FAMILY_READERS = ['admin', 'business_unit', 'lead_reviewer'];

// A register the role may not read (403), or one the service does not have yet (404), is left out.
const optional = (promise) => promise.catch((error) => (error instanceof ApiError && [403, 404].includes(error.status) ? null : Promise.reject(error)));

async function load(id, role) {
  const [review, history] = await Promise.all([get(`/reviews/${id}`), wholeList(`/reviews/${id}/events`)]);
  const [workflow, requests, documents, family, actions, assessment, identifiers] = await Promise.all([
    get(`/workflows/${review.workflow}`),
    optional(wholeList(`/reviews/${id}/information-requests`)),
    optional(wholeList(`/reviews/${id}/documents`)),
    FAMILY_READERS.includes(role) ? optional(wholeList(`/reviews/${id}/family-members`)) : null,
    wholeList(`/reviews/${id}/actions`),
    optional(get(`/reviews/${id}/self-assessment`)),
    PRIVACY_CHECKERS.includes(role) ? optional(wholeList(`/reviews/${id}/identifiers`)) : null,
  ]);
  return { id, review, history, workflow, requests, documents, family, actions, assessment, identifiers };
}

// An agency user cannot read the review itself: it sees its own agency's actions and requests in it.
async function showForAgency(id, me, after) {
  const [actions, requests] = await Promise.all([wholeList(`/reviews/${id}/actions`), optional(wholeList(`/reviews/${id}/information-requests`))]);
  const title = actions.items[0]?.review_title || `Review ${id}`;
  const own = { ...requests, items: (requests?.items || []).filter((r) => r.agency === me.agency) };
  const context = { id, actions, requests: own, role: me.role, me, announce };
  context.refresh = async (result) => showReview(id, result);
  render(title, html`<p><a href="/">Back</a></p><h1>${title}</h1>
    <p>Your agency's (${me.agency}) part of this review.</p>
    <h2 id="actions-heading">Improvement actions of ${me.agency}</h2>${actionsSection(context)}
    <h2 id="requests-heading">Information asked of ${me.agency}</h2>${requestsSection(context)}`);
  wireActions(context);
  wireRequests(context);
  if (after) showSaved(after.focus, after.message, announce);
}

export async function showReview(id, after = null) {
  const me = currentUser();
  const role = me.role;
  if (role === 'agency') return showForAgency(id, me, after);
  const context = { ...(await load(id, role)), role, me, announce };
  context.refresh = async (result) => showReview(id, result);
  const { review } = context;
  const reached = PHASE_INDEX[review.state] ?? -1;
  const phaseMap = PHASES.map(([key, label], i) => html`<li class="${i < reached ? 'passed' : ''}" ${key === review.state ? html`aria-current="step"` : ''}>${label}</li>`);

  render(review.title, html`
    <p><a href="/">Board dashboard</a></p>
    <h1>${review.title}</h1>
    <p>${review.workflow}, referred ${formatDate(review.referral?.referral_date || review.referral_date)}. Now: <strong>${review.state_label || phaseLabel(review.state)}</strong>.</p>
    <h2>Phases</h2>
    <ol class="phase-map" aria-label="Phases of the review">${phaseMap}</ol>
    <h2>References</h2>
    ${referencesSection(context)}
    <h2 id="next-steps" tabindex="-1">Next steps</h2>
    ${nextSteps(context)}
    <h2>Checkpoints by Quality Marker</h2>
    ${checkpointsByMarker(context)}
    <h2>Delay register</h2>
    ${delaySection(context)}
    <h2>Parallel processes</h2>
    ${processesSection(context)}
    <h2>Information requests</h2>
    ${requestsSection(context)}
    <h2>Documents register</h2>
    ${documentsSection(context)}
    <h2>Family involvement</h2>
    ${familySection(context)}
    <h2 id="actions-heading">Improvement actions</h2>
    ${actionsSection(context)}
    <h2>Quality Marker self-assessment</h2>
    ${assessmentSection(context)}
    ${privacySection(context)}
    <h2>History</h2>
    ${historySection(context)}`);
  wireSteps(context);
  wireReferences(context);
  wireCheckpoints(context);
  wireProcesses(context);
  wireRequests(context);
  wireDocuments(context);
  wireFamily(context);
  wireActions(context);
  wireAssessment(context);
  wirePrivacy(context);
  if (after) showSaved(after.focus, after.message, announce);
}
