import { type Clause, type ClauseKey, type Completeness, MOU_TEMPLATES, type MouTemplate } from '@forefront/contract';

/**
 * The clause library: model text a district starts from and then makes its own. Sources
 * (DOMAIN.md section 2): the COPS Hiring Program MOU minimum (purpose; roles focused on safety;
 * information sharing; supervision and chain of command; signatures), the ED/DOJ SECURe action
 * steps (2016), and the clauses common to published MOUs. `{district}` and `{agency}` are filled in
 * when an MOU is created.
 */
export interface LibraryClause {
  title: string;
  source: 'COPS Hiring Program minimum' | 'Common MOU clause' | 'SECURe action step';
  text: string;
}

export const CLAUSE_LIBRARY: Record<ClauseKey, LibraryClause> = {
  purpose: {
    title: 'Purpose',
    source: 'COPS Hiring Program minimum',
    text: 'This agreement between {district} (the District) and {agency} (the Agency) sets out how School Resource Officers (SROs) work in District schools. Its purpose is to keep students and staff safe from serious threats and crime while keeping officers out of routine school discipline, so that no student is arrested or referred to law enforcement for conduct the school can address.',
  },
  roles_and_responsibilities: {
    title: 'Roles and responsibilities focused on safety',
    source: 'COPS Hiring Program minimum',
    text: 'SROs respond to serious threats to safety and to crimes, and may mentor and teach when invited. SROs do not enforce school rules or administer school discipline; that is the responsibility of school administrators. Before any non-emergency arrest, citation or referral of a student to law enforcement, the SRO consults a school administrator, who reviews the matter and records the decision. In an emergency the SRO may act at once and records why the review could not wait.',
  },
  information_sharing: {
    title: 'Information sharing',
    source: 'COPS Hiring Program minimum',
    text: 'Student education records are shared with the SRO only as the Family Educational Rights and Privacy Act (FERPA) allows, and only when the SRO has a legitimate need to know. Records the SRO creates for a law-enforcement purpose are law-enforcement-unit records (34 CFR 99.8). The District records every disclosure of education records as 34 CFR 99.32 requires.',
  },
  supervision_and_chain_of_command: {
    title: 'Supervision and chain of command',
    source: 'COPS Hiring Program minimum',
    text: "SROs remain employees of the Agency and are supervised by an Agency supervisor named in writing to the District. The principal is the SRO's day-to-day contact at each school. Disagreements are raised first between the principal and the Agency supervisor, then between the superintendent and the chief of the Agency.",
  },
  signatures: {
    title: 'Signatures',
    source: 'COPS Hiring Program minimum',
    text: 'This agreement takes effect on its effective date once signed by the authorized representatives of both parties. Any change to it is a new version that must be signed again before it takes effect.',
  },
  program_goals: {
    title: 'Program goals',
    source: 'Common MOU clause',
    text: "The program aims to (1) prevent serious violence on school grounds, (2) reduce referrals and arrests of students for school-based conduct, (3) build trust between students, families and officers, and (4) report the program's results to the public every year.",
  },
  selection_criteria: {
    title: 'SRO selection criteria',
    source: 'Common MOU clause',
    text: 'The Agency assigns officers with at least two years of patrol experience, no sustained complaints of excessive force or bias, and a demonstrated interest in working with young people. The District may take part in interviews and may ask the Agency to reassign an officer.',
  },
  training_requirements: {
    title: 'Training requirements',
    source: 'Common MOU clause',
    text: "Before starting, every SRO completes a 40-hour basic SRO course covering adolescent development, de-escalation, cultural awareness, students with disabilities, and mentoring. Every year the SRO completes refresher training on de-escalation, implicit bias, and the District's discipline policies.",
  },
  discipline_separation: {
    title: 'Separating school discipline from criminal matters',
    source: 'Common MOU clause',
    text: 'The behaviors listed as "school staff only" in the role rules of this agreement are school discipline matters. SROs do not handle them, do not question students about them, and do not arrest, cite or refer students for them. Where the role rules say the SRO may assist when asked, the SRO acts only at an administrator\'s request.',
  },
  searches_and_questioning: {
    title: 'Searches and questioning of students',
    source: 'Common MOU clause',
    text: "SROs do not search students or their belongings for school-rule violations. Any search by an SRO follows the role rules of this agreement and the law. Before an SRO questions a student about a possible crime, the school notifies the student's parent or guardian, except where a delay would endanger someone.",
  },
  use_of_force_and_restraint: {
    title: 'Use of force and restraint',
    source: 'Common MOU clause',
    text: 'SROs use physical or mechanical restraint and force only as the role rules of this agreement allow, never as punishment or to enforce school rules, and only to the extent needed to prevent imminent serious harm. Every use of restraint or force is reported to the principal and to the parent or guardian the same day.',
  },
  data_collection_and_reporting: {
    title: 'Data collection and public reporting',
    source: 'Common MOU clause',
    text: 'The SRO records every contact with a student, its purpose, and every action taken, by school, date and student demographics. The District publishes counts of referrals, arrests, restraints and uses of force each year, following the Civil Rights Data Collection definitions and protecting student privacy.',
  },
  complaint_process: {
    title: 'Complaint process',
    source: 'Common MOU clause',
    text: "Students, parents and staff may complain about an SRO's conduct to the principal, the District, or the Agency, in any language and without fear of retaliation. Complaints are acknowledged within five school days, investigated by the Agency, and their outcome reported to the complainant and counted in the annual public report.",
  },
  crisis_planning: {
    title: 'Crisis planning',
    source: 'Common MOU clause',
    text: "The SRO takes part in each school's emergency operations planning and drills. In an emergency the Agency's incident command structure applies; school staff keep responsibility for student accounting and family reunification.",
  },
  annual_review: {
    title: 'Annual review',
    source: 'Common MOU clause',
    text: "The parties review this agreement and the program's data every year before the review date, with input from students, families and staff, and either renew it, change it, or end it.",
  },
  secure_partnerships: {
    title: 'Partnerships and a formal MOU before officers start',
    source: 'SECURe action step',
    text: 'The District and the Agency agree that no SRO starts work in a school before this agreement is signed, and that both parties involve school leaders, students, families and community members in shaping the program.',
  },
  secure_civil_rights: {
    title: 'Civil rights compliance',
    source: 'SECURe action step',
    text: 'The program complies with federal civil rights law, including Title VI, Title IX, Section 504 and the Americans with Disabilities Act. The District reviews its referral and arrest data each year for disparities by race, sex, disability and English-learner status and acts on what it finds.',
  },
  secure_hiring: {
    title: 'Recruiting and hiring',
    source: 'SECURe action step',
    text: 'The Agency recruits officers suited to work with young people, and the District takes part in their selection under the selection criteria of this agreement.',
  },
  secure_training: {
    title: 'Training',
    source: 'SECURe action step',
    text: 'SROs and the school administrators they work with are trained together on the roles set in this agreement, on de-escalation, and on the needs of students with disabilities.',
  },
  secure_evaluation: {
    title: 'Evaluation and recognition',
    source: 'SECURe action step',
    text: 'The parties evaluate each SRO and the program every year against the goals and role rules of this agreement, using the data collected under it, and recognize officers whose work reflects them.',
  },
};

/** A template's clauses filled with the library text, as version 1 of a new MOU. */
export function templateClauses(template: MouTemplate, names: { district: string; agency: string }): Clause[] {
  return MOU_TEMPLATES[template].map((key) => ({
    key,
    title: CLAUSE_LIBRARY[key].title,
    text: CLAUSE_LIBRARY[key].text.replaceAll('{district}', names.district).replaceAll('{agency}', names.agency),
  }));
}

/** Which clauses the template requires, which are present, and which are missing (empty text counts as missing). */
export function completeness(template: MouTemplate, clauses: readonly Pick<Clause, 'key' | 'text'>[]): Completeness {
  const required = [...MOU_TEMPLATES[template]];
  const written = new Set(clauses.filter((c) => c.text.trim().length > 0).map((c) => c.key));
  const present = required.filter((k) => written.has(k));
  const missing = required.filter((k) => !written.has(k));
  return { template, required, present, missing, complete: missing.length === 0 };
}
