"""The learner app: the course, lesson by lesson (one screen per module)."""
