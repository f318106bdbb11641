/**
 * Issue 15 demo: the plain words of the demo's threat assessment cases and referrals (made up,
 * realistic, naming no student: the record shows who the case is about). demo.threat-cases.ts
 * seals them with the district's key; nothing here is ever logged.
 */
export const CONCERNS = {
  transient: [
    'During a basketball game in PE the student told another player "I\'m going to kill you" after a foul. ' +
      'Both were laughing a minute later; the coach heard it and sent both to the office.',
    'In the cafeteria the student pointed a finger like a gun at a friend and said "bang". ' +
      'A lunch monitor reported it; no one appeared frightened.',
    'After losing a video game argument on the bus, the student said he would "destroy" the other boy tomorrow. ' +
      'The driver reported it; they sat together the next morning.',
    'The student wrote "I will end you" on a classmate\'s notebook as a joke about a chess match. ' +
      'The classmate showed the teacher but said she was not scared.',
    'In an argument over a seat in the library the student said "watch your back". ' +
      'The other student told a teacher; the two had been friends since grade school.',
    'The student posted a movie quote about "taking everyone out" on a class group chat under a picture of a pizza. ' +
      'A parent forwarded the screenshot to the principal.',
  ],
  serious: [
    'After being cut from the team the student told two teammates he would "get" the coach after practice on Friday. ' +
      'One teammate was worried enough to tell the athletic director.',
    'The student threatened to beat up a classmate who had been spreading rumors, naming the place and time (the bus loop after school). ' +
      'Several students heard it and the classmate stayed home the next day.',
    'A teacher found a note in the student\'s desk listing three students and the words "they will pay". ' +
      'The student has had several conflicts with the students named.',
    'The student told a counselor she wanted to hurt the girl who posted a photo of her online, ' +
      'and that she knew where the girl lived.',
    'Following a fight in the hallway, the student said he would bring his brother to "finish it" at the bus stop.',
  ],
  verySerious: [
    'A classmate reported that the student said he could get his uncle\'s handgun and "make them all sorry" at the spring assembly. ' +
      'The classmate said he had talked about it more than once.',
    'The student posted on social media a photo of a knife with the school\'s name and the caption "tomorrow". ' +
      'Several students and a parent reported it the same evening.',
    "The student's notebook, found by a teacher, contained drawings of the school layout with exits marked " +
      'and a list of names with dates. The student has been withdrawn since his parents separated.',
    'The student told a friend he had been researching past school attacks and "would do it better", ' +
      'and asked the friend whether the side door by the gym is locked during lunch.',
  ],
  unclassified: [
    'A substitute teacher overheard the student tell a classmate "you\'ll see what happens Monday". ' +
      'The context is not clear; the classmate declined to say more.',
    "An anonymous note left on the counselor's door says the student has been talking about hurting someone at the dance.",
    'The student said to a teacher who took his phone "you\'ll regret that". The teacher is unsure how serious it was.',
    'Two students reported that the student made threatening comments in a group chat about a teacher. ' +
      'Screenshots were not provided yet.',
  ],
} as const;

export const INTERVIEW_SUMMARIES = {
  student: [
    'The student said it was a joke in the heat of the game and apologized; understood why it was taken seriously.',
    'The student was upset and said the other student has been teasing him for weeks; denied any plan to hurt anyone.',
    'The student acknowledged the statement, described feeling humiliated, and could not say what he meant to do.',
    "The student was guarded at first; later described access to a weapon at a relative's house and anger at peers.",
  ],
  recipient: [
    'The classmate said they are friends and she was not afraid; she reported it because a teacher asked.',
    'The classmate said he felt scared and did not want to ride the same bus until this is resolved.',
  ],
  witness: [
    'The witness confirmed the words used and said the student seemed angry but walked away afterwards.',
    'The witness said the student has mentioned this more than once over the last two weeks.',
  ],
  parent: [
    'The parent was surprised, agreed to talk with the student at home, and will keep the team informed.',
    'The parent confirmed there is a firearm in the home and agreed to store it locked and away from the student.',
  ],
} as const;

export const RATIONALES = {
  transient:
    'An expression of anger or humor with no intent to harm; resolved on the spot with an apology and clarification.',
  serious:
    'Intent to harm a specific person with a stated time and place; no weapon involved. Treated as substantive ' +
    '(when in doubt, treat as substantive); protective action and a safety plan are needed.',
  verySerious:
    'A threat to kill or seriously injure, with a possible weapon and some planning. Very serious substantive: ' +
    'safety evaluation, safety plan and monitoring.',
} as const;

export const SCREENINGS = [
  'Mental-health screening by the school psychologist: signs of depression and recent losses; no current suicidal ' +
    'ideation. Recommends weekly counseling and a family meeting.',
  'Screening found acute stress after a family separation and peer conflict; student agreed to a safety contract ' +
    'and weekly sessions with the counselor.',
];
export const LE_REASONS = [
  'The threshold is met: the student described access to a firearm and a specific date.',
  'The threshold is met: a weapon was shown online with a stated time at school.',
];
export const SAFETY_PLANS = [
  'Daily check-in with the counselor each morning; schedule change to separate the students; ' +
    'bag check on arrival for four weeks; parent meeting; referral to community counseling.',
  'Supervised transitions between classes; the student meets the school psychologist weekly; no contact agreement ' +
    'with the students involved; the family secures firearms at home and confirms in writing.',
  'Counselor check-in twice a week; mentoring with a trusted teacher; conflict mediation when both students agree.',
];
export const TASKS = [
  'Meet the family to review the safety plan',
  'Arrange a schedule change to separate the students',
  'Weekly counseling session with the student',
  'Confirm with the family that firearms are stored locked',
  'Connect the family with the community counseling provider',
  'Conflict mediation with the students involved',
];
export const CHECKIN_NOTES = [
  'The student is attending classes and says things are calmer; no new concerns from teachers.',
  'The student kept the no-contact agreement; grades improving; continue the plan.',
  'Some tension in the hallway this week; the counselor spoke with both students.',
];
export const PARENT_NOTES = [
  'Spoke with the mother; she will talk with the student tonight and call back with questions.',
  'Met both parents at school; they support the safety plan.',
];
export const CASE_NOTES = [
  'Team met for 30 minutes; everyone agreed with the plan. Follow up at the next meeting.',
  'Teacher reports the student seemed calm today and participated in class.',
];
export const SRO_NOTE =
  "Investigative note: spoke with the relative who owns the firearm; it is now kept at the relative's workplace.";
export const CLOSURES = {
  resolved_no_action: 'Resolved on the spot: apology and clarification; no further action needed.',
  support_only: 'The safety plan was followed for the full period; no new concerns. Counseling continues voluntarily.',
  expulsion: 'Expelled by the school board after the hearing; the team shared the safety plan with the new program.',
  suspension: 'Short-term suspension under the code of conduct, with re-entry meeting and the safety plan continued.',
  alternative_placement: 'Placed in the alternative program for the semester with counseling; plan reviewed monthly.',
  arrest: 'Law enforcement charged the student after the weapon was found; the team continues support on return.',
} as const;
export const REFERRAL_REASONS = [
  'Ongoing conflict with peers and trouble managing anger; the family asked for counseling.',
  'Grief after a family loss; withdrawing from friends and missing school.',
  'Family going through housing instability; needs help with resources and attendance.',
  'Anxiety and panic before tests; would benefit from coping skills sessions.',
  'Recommended by the threat assessment team as part of the safety plan.',
  'Frequent absences and signs of stress at home; the family agreed to a referral.',
];
