"""The course in a browser (`kursus serve`): one learner app process per browser tab.

guard.py decides who gets in (access token, Host, Origin), tabs.py starts and ends the
app processes, page.py is the page, server.py the aiohttp server around them, tab.py and
driver.py run inside each app process. Only tab.py and driver.py import Textual.
"""
