def test_ids_beyond_32_bits_are_404_not_a_database_error(client):
    for path in ["/organizaciones/2147483648", "/consultas/99999999999999999999",
                 "/planes/2147483648", "/propuestas/2147483648"]:
        assert client.get(path).status_code == 404, path


def test_api_page_beyond_bounds_is_400(client):
    response = client.get("/api/v1/plans?page=99999999999999999999")
    assert response.status_code == 400
