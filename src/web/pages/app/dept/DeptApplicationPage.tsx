// One application recommended by a unit of the department: read-only with its scans and the
// unit's publicity and recommendation; returned with reasons if it does not meet the requirements.
// Forwarding happens in batches from the queue.
import { useParams } from 'react-router-dom';
import { DeskApplication } from '../review/DeskApplication';
import { ReviewFactsCard } from '../review/ReviewFacts';

export default function DeptApplicationPage() {
  const { id = '' } = useParams();
  return <DeskApplication desk="dept" id={id} queuePath="/app/dept/applications" queueLabel="主管部门审核" panels={({ view }) => <ReviewFactsCard review={view.review} />} />;
}
