from engage.auth.roles import Role


def test_pages_render_for_admin(admin_client):
    for path in ["/", "/participants/", "/participants/new", "/participants/import", "/users", "/users/new", "/audit", "/account"]:
        response = admin_client.get(path)
        assert response.status_code == 200, (path, response.data[:3000])
