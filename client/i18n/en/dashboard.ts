import type { dashboardZh } from '../dashboard';

export const dashboardEn: typeof dashboardZh = {
  tab: 'Dashboard',
  weekly: 'Posted and solved, last 12 weeks',
  byStatus: 'Challenges by status',
  bySection: 'Challenges by industry section',
  activity: 'Collaboration and response',
  posted: 'Posted',
  solved: 'Solved',
  activeTeams: 'Active teams',
  averageTeamSize: 'Average team size',
  answered: 'Questions answered',
  medianAnswer: 'Median time to answer',
  adviceRequests: 'Advice requests',
  adviceMatched: 'Matched',
  medianResponse: 'Median advisor response',
  refresh: 'Refresh',
  totals: { organizations: 'Organisations', users: 'Accounts', challenges: 'Challenges', teams: 'Teams', questions: 'Questions', notifications: 'Notifications' },
  status: { draft: 'Draft', open: 'Open', reviewing: 'Reviewing', solved: 'Solved', closed: 'Closed' },
};
