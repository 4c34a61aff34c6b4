@dlogin
Feature: Dintero sales locations
  Rows 32–34: full CRUD of sales locations with admin|read|write:locations.
  A missing location_id is generated (S and five digits); a location_id in
  use (deleted ones included) is a 400; a deleted location is 404; lists
  are oldest first, paged by location_id, with search and array filters
  (decision D71).

  Scenario: Create, read, update, list and delete a location
    Given I am authenticated as "locations-client"
    When I POST "/v1/accounts/{aid}/locations" with body:
      """
      {"location_id": "S01923", "name": "TKP Store", "status": "Active", "currency": "NOK", "type": "Physical",
       "organization_number": "123456789MVA", "email": "store@example.com", "phone_number": "+4799999999",
       "address": {"address_line": "Sommerkroveien 34", "postal_code": "0349", "postal_place": "Oslo", "country": "NO", "latitude": 59.94, "longitude": 10.71},
       "id": "ignored", "created_at": "ignored"}
      """
    Then the response status is 200
    And the response field "location_id" is "S01923"
    And the response field "account_id" is "{aid}"
    And the response field "created_by" is "locations-client"
    And the response field "address.postal_place" is "Oslo"
    When I PUT "/v1/accounts/{aid}/locations/S01923" with body:
      """
      {"name": "TKP Store Majorstuen", "status": "Closed"}
      """
    Then the response status is 200
    And the response field "name" is "TKP Store Majorstuen"
    And the response field "currency" is "NOK"
    When I GET "/v1/accounts/{aid}/locations/S01923"
    Then the response status is 200
    And the response field "status" is "Closed"
    When I GET "/v1/accounts/{aid}/locations"
    Then the response is a list of 1 item
    When I DELETE "/v1/accounts/{aid}/locations/S01923"
    Then the response status is 200
    And the response has the field "deleted_at"
    And the response field "name" is "TKP Store Majorstuen"
    When I GET "/v1/accounts/{aid}/locations/S01923"
    Then the response status is 404
    And the error message is "Location not found"
    When I DELETE "/v1/accounts/{aid}/locations/S01923"
    Then the response status is 404
    When I PUT "/v1/accounts/{aid}/locations/S01923" with body:
      """
      {"name": "again"}
      """
    Then the response status is 404
    When I GET "/v1/accounts/{aid}/locations"
    Then the response is a list of 0 items
    When I POST "/v1/accounts/{aid}/locations" with body:
      """
      {"location_id": "S01923", "name": "reuse"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"

  Scenario: Generated location ids
    Given I am authenticated as "locations-client"
    When I POST "/v1/accounts/{aid}/locations" with body:
      """
      {"name": "First"}
      """
    Then the response field "location_id" is "S00001"
    When I POST "/v1/accounts/{aid}/locations" with body:
      """
      {"location_id": "S00041", "name": "Given"}
      """
    And I POST "/v1/accounts/{aid}/locations" with body:
      """
      {"name": "Next"}
      """
    Then the response field "location_id" is "S00042"

  Scenario Outline: Bad location bodies are 400
    Given I am authenticated as "locations-client"
    When I POST "/v1/accounts/{aid}/locations" with body:
      """
      <body>
      """
    Then the response status is 400
    And the error lists the body field "<field>"

    Examples:
      | body                                                    | field                |
      | {"location_id": " S1"}                                  | location_id          |
      | {"location_id": ""}                                     | location_id          |
      | {"name": 42}                                            | name                 |
      | {"address": {"address_line": "Bryggen 1"}}              | address.country      |

  Scenario: The location_id cannot change through PUT
    Given I am authenticated as "locations-client"
    When I POST "/v1/accounts/{aid}/locations" with body:
      """
      {"location_id": "L-1", "name": "One"}
      """
    And I PUT "/v1/accounts/{aid}/locations/L-1" with body:
      """
      {"location_id": "L-2"}
      """
    Then the response status is 400
    And the error lists the body field "location_id"

  Scenario: Scopes: read for reading, write for writing
    Given I am authenticated as "locread-client"
    When I POST "/v1/accounts/{aid}/locations" with body:
      """
      {"name": "x"}
      """
    Then the response status is 403
    When I GET "/v1/accounts/{aid}/locations"
    Then the response status is 200
    Given I am authenticated as "locwrite-client"
    When I POST "/v1/accounts/{aid}/locations" with body:
      """
      {"location_id": "W-1", "name": "x"}
      """
    Then the response status is 200
    When I GET "/v1/accounts/{aid}/locations/W-1"
    Then the response status is 403
    Given I am authenticated as "admin-client"
    When I GET "/v1/accounts/{aid}/locations"
    Then the response status is 403

  Scenario: Search, filters and paging
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            locations:
              - {location_id: S1, name: Oslo Sentrum, status: Active, type: Physical, email: Oslo@Example.com, created_at: "2026-01-01T00:00:00Z",
                 address: {address_line: Karl Johans gate 1, postal_place: Oslo, country: "NO"}}
              - {location_id: S2, name: Bergen Bryggen, status: Active, type: Physical, created_at: "2026-01-02T00:00:00Z",
                 address: {address_line: Bryggen 1, postal_place: Bergen, country: "NO"}}
              - {location_id: S3, name: København, status: Closed, type: Mobile, created_at: "2026-01-03T00:00:00Z",
                 address: {address_line: Vesterbrogade 10, postal_place: København V, country: "DK"}}
              - {location_id: S4, name: Oslo Gone, status: Active, created_at: "2026-01-04T00:00:00Z", deleted_at: "2026-01-05T00:00:00Z"}
      """
    And I am authenticated as "locread-client"
    When I GET "/v1/accounts/{aid}/locations?limit=2"
    Then the "location_id" of the response items are "S1, S2"
    And the response header "paging_token" is "S2"
    When I GET "/v1/accounts/{aid}/locations?limit=2&starting_after=S2"
    Then the "location_id" of the response items are "S3"
    And the response has no header "paging_token"
    When I GET "/v1/accounts/{aid}/locations?search=oslo"
    Then the "location_id" of the response items are "S1"
    When I GET "/v1/accounts/{aid}/locations?status=Active&country=no"
    Then the "location_id" of the response items are "S1, S2"
    When I GET "/v1/accounts/{aid}/locations?type=Mobile&type=Physical&status=Closed"
    Then the "location_id" of the response items are "S3"
    When I GET "/v1/accounts/{aid}/locations?email=oslo@example.com"
    Then the "location_id" of the response items are "S1"
    When I GET "/v1/accounts/{aid}/locations?starting_after=S9"
    Then the response status is 400
    When I GET "/v1/accounts/{aid}/locations?limit=0"
    Then the response status is 400
    When I GET "/v1/accounts/{aid}/locations/S4"
    Then the response status is 404
