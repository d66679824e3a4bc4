"""Admin log-in throttling with django-axes."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' backend for HTTP log-ins; request-less calls (scripts, the test
    client's ``login()``) carry no address to throttle and go on to the next backend."""

    def authenticate(self, request=None, *args, **credentials):
        if request is None:
            return None
        return super().authenticate(request, *args, **credentials)
