/** A small playbook for tests: two phases, a gate, an escalation, a run-relative deadline. */
export const SMALL_PLAYBOOK = `id: small-recall
name: Small recall
summary: A two-phase playbook used by the tests.
severity:
  default: SEV3
  triggers:
    - severity: SEV1
      mentionsPerHour: 1000
statusUpdates: { SEV1: 30m, SEV2: 1h, SEV3: 4h, SEV4: 1d }
stakeholders:
  - audience: customers
    owner: operator
    channel: social replies
    what: what to do with the product
phases:
  - id: assess
    name: Assess
    onEnter:
      - do: notify
        role: lead
        message: A recall run started
    steps:
      - id: confirm-scope
        title: Confirm which batches are affected
        owner: lead
        due: { after: 30m, from: run }
        escalation:
          actions:
            - do: raise-severity
            - do: reassign
              role: admin
      - id: holding-statement
        title: Approve the holding statement
        owner: operator
        due: { after: 1h }
        gate: { approver: approver, what: the holding statement }
  - id: review
    name: Review
    steps:
      - id: write-review
        title: Write the review
        owner: lead
        due: { after: 2d }
      - id: thank-team
        title: Thank the team
        owner: lead
        due: { after: 3d }
        optional: true
`;
