import { automaticGrade, spreadGrade, SpreadThresholds } from './incident-grade';
import { IncidentsConfig } from '../incidents.config';

const t: SpreadThresholds = new IncidentsConfig();
const quiet = { distinctSources: 1, centralSources: 0, peakItemsPerHour: 1 };

describe('grade from spread', () => {
  it('is Ⅳ without hints or spread, and takes the item hint', () => {
    expect(automaticGrade(null, null, quiet, t)).toEqual({ grade: 'IV', because: null });
    expect(automaticGrade(null, 'III', quiet, t).grade).toBe('III');
  });

  it('is raised by distinct outlets, central media and items per hour', () => {
    expect(spreadGrade({ ...quiet, distinctSources: 10 }, t)?.grade).toBe('III');
    expect(spreadGrade({ ...quiet, distinctSources: 30 }, t)?.grade).toBe('II');
    expect(spreadGrade({ ...quiet, distinctSources: 100 }, t)?.grade).toBe('I');
    // one central outlet is Ⅱ by default, as the classifier grades its alert (rules-22); Ⅲ where configured so
    expect(spreadGrade({ ...quiet, centralSources: 1 }, t)).toEqual({
      grade: 'II',
      because: '1 家中央媒体报道',
    });
    expect(spreadGrade({ ...quiet, centralSources: 1 }, { ...t, INCIDENT_GRADE_CENTRAL_II: 3 })?.grade).toBe(
      'III',
    );
    expect(spreadGrade({ ...quiet, centralSources: 3 }, { ...t, INCIDENT_GRADE_CENTRAL_II: 3 })?.grade).toBe(
      'II',
    );
    expect(spreadGrade({ ...quiet, peakItemsPerHour: 100 }, t)?.grade).toBe('II');
    expect(spreadGrade({ ...quiet, peakItemsPerHour: 500 }, t)?.grade).toBe('I');
    expect(spreadGrade(quiet, t)).toBeNull();
  });

  it('never lowers: the current grade wins over a milder hint and spread', () => {
    expect(automaticGrade('II', 'IV', { ...quiet, distinctSources: 10 }, t)).toEqual({
      grade: 'II',
      because: null,
    });
    expect(automaticGrade('III', 'IV', { ...quiet, distinctSources: 30 }, t)).toEqual({
      grade: 'II',
      because: '30 个不同来源转载',
    });
  });

  it('ignores thresholds set to 0', () => {
    expect(spreadGrade({ ...quiet, centralSources: 50 }, { ...t, INCIDENT_GRADE_CENTRAL_I: 0 })?.grade).toBe(
      'II',
    );
    expect(
      spreadGrade(
        { ...quiet, distinctSources: 1000 },
        { ...t, INCIDENT_GRADE_SOURCES_III: 0, INCIDENT_GRADE_SOURCES_II: 0, INCIDENT_GRADE_SOURCES_I: 0 },
      ),
    ).toBeNull();
  });
});
