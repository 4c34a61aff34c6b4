@dlogin
Feature: Dintero external search, answered from the sandbox's registry
  Rows 35–39 answer from a small deterministic registry shipped in the
  fixtures (`dintero: registry:`), which a fixture can extend; unknown
  numbers and postal codes are 404. Any valid token of the account may
  call them (the vendor's scope "public", decision D72).

  Background:
    Given I am authenticated as "read-client"

  Scenario: An organization by country and number, with and without MVA
    When I GET "/v1/accounts/{aid}/search/external/organizations/NO/123456789MVA"
    Then the response status is 200
    And the response field "items" is a list of 1 item
    And the response field "items.0.business_name" is "TKP tech AS"
    And the response field "items.0.organization_number" is "123456789"
    And the response field "items.0.office_type" is "head_office"
    And the response field "items.0.business_address.address_line" is "Sommerkroveien 34"
    And the response field "items.0.business_address.postal_code" is "0349"
    When I GET "/v1/accounts/{aid}/search/external/organizations/no/123 456 789"
    Then the response status is 200

  Scenario Outline: Unknown organizations are 404, malformed paths 400
    When I GET "/v1/accounts/{aid}/search/external/organizations/<country>/<number>"
    Then the response status is <status>

    Examples:
      | country | number    | status |
      | NO      | 999999999 | 404    |
      | SE      | 123456789 | 404    |
      | NOR     | 123456789 | 400    |

  Scenario: Subunits of an organization
    When I GET "/v1/accounts/{aid}/search/external/organizations/NO/123456789/subunits"
    Then the response status is 200
    And the "business_name" of the items in "items" are "TKP tech AS avd Bergen, TKP tech AS avd Trondheim"
    When I GET "/v1/accounts/{aid}/search/external/organizations/NO/912345678/subunits"
    Then the response status is 200
    And the response field "items" is a list of 0 items
    When I GET "/v1/accounts/{aid}/search/external/organizations/NO/999999999/subunits"
    Then the response status is 404

  Scenario: Postal places
    When I GET "/v1/accounts/{aid}/search/external/postal_place/NO/0349"
    Then the response status is 200
    And the response body is:
      """
      {"country": "NO", "postal_code": "0349", "postal_place": "Oslo"}
      """
    When I GET "/v1/accounts/{aid}/search/external/postal_place/DK/1620"
    Then the response field "postal_place" is "København V"
    When I GET "/v1/accounts/{aid}/search/external/postal_place/NO/0000"
    Then the response status is 404
    And the error message is "Postal place not found"

  Scenario: Address validation
    When I POST "/v1/accounts/{aid}/search/external/address/NO/validate" with body:
      """
      {"address_line": "sommerkroveien  34", "postal_code": "0349", "postal_place": "OSLO", "country": "NO"}
      """
    Then the response status is 200
    And the response field "valid" is true
    And the response field "alternatives" is a list of 0 items
    When I POST "/v1/accounts/{aid}/search/external/address/NO/validate" with body:
      """
      {"address_line": "Karl Johans gate 3", "postal_code": "0154", "postal_place": "Oslo", "country": "NO"}
      """
    Then the response field "valid" is false
    And the "address_line" of the items in "alternatives" are "Karl Johans gate 1, Karl Johans gate 22"
    When I POST "/v1/accounts/{aid}/search/external/address/NO/validate" with body:
      """
      {"address_line": "Karl Johans gate 1", "postal_code": "0154", "postal_place": "Oslo", "country": "SE"}
      """
    Then the response status is 400
    When I POST "/v1/accounts/{aid}/search/external/address/SE/validate" with body:
      """
      {"address_line": "Drottninggatan 1", "postal_place": "Stockholm", "country": "SE"}
      """
    Then the response status is 404
    When I POST "/v1/accounts/{aid}/search/external/address/NO/validate" with body:
      """
      {"address_line": "Bryggen 1"}
      """
    Then the response status is 400
    And the error lists the body field "postal_place"

  Scenario: The Norwegian registry search by name or number
    When I GET "/v1/accounts/{aid}/search/external/organizations/no?name=tkp%20tech"
    Then the response status is 200
    And the "organization_number" of the response items are "123456789, 987654321, 987654322"
    And the response field "0.response_from" is "enhetsregisteret"
    And the response field "0.organization_type" is "AS"
    And the response field "0.email" is "post@tkptech.example.com"
    When I GET "/v1/accounts/{aid}/search/external/organizations/NO?organization_number=912345678"
    Then the "business_name" of the response items are "Nordlys Kaffebar AS"
    When I GET "/v1/accounts/{aid}/search/external/organizations/no?name=nothing"
    Then the response is a list of 0 items
    When I GET "/v1/accounts/{aid}/search/external/organizations/no"
    Then the response status is 400

  Scenario: A token is needed, of the account
    Given I send no access token
    When I GET "/v1/accounts/{aid}/search/external/postal_place/NO/0349"
    Then the response status is 401
    Given I am authenticated as "read-client" on the other account
    When I GET "/v1/accounts/{aid}/search/external/postal_place/NO/0349"
    Then the response status is 403

  @in-process
  Scenario: A fixture extends the registry, and a bad registry fixture is refused
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        registry:
          organizations:
            - {country: "SE", organization_number: "5560000001", business_name: Svensk Handel AB, organization_type: AB}
          postal_places:
            - {country: "NO", postal_code: "0349", postal_place: OSLO MAJORSTUEN}
      """
    Then the response status is 200
    When I GET "/v1/accounts/{aid}/search/external/organizations/SE/5560000001"
    Then the response field "items.0.business_name" is "Svensk Handel AB"
    When I GET "/v1/accounts/{aid}/search/external/postal_place/NO/0349"
    Then the response field "postal_place" is "OSLO MAJORSTUEN"
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        registry:
          organizations:
            - {country: "SE", business_name: No Number AB, organization_type: AB}
      """
    Then the response status is 400
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        registry:
          shops: []
      """
    Then the response status is 400
